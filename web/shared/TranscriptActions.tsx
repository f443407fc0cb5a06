/** Download buttons for an ended chat's transcript and its survey answer, as staff read them (console and portal history). */
import { useState } from 'preact/hooks';
import type { SurveyView } from '../../src/protocol/afterChat.js';
import { downloadStaffTranscript } from './transcriptDownload.js';
import { TRANSCRIPT_WORDS as W } from './transcriptWords.js';

export function Stars({ rating }: { rating: number }) {
  return (
    <span class="rc-stars" role="img" aria-label={W.rating(rating)}>
      {'★'.repeat(rating)}
      <span class="rc-stars-off">{'★'.repeat(5 - rating)}</span>
    </span>
  );
}

export function SurveyAnswer({ survey }: { survey: SurveyView | null }) {
  if (!survey) return null;
  return (
    <div class="rc-survey">
      <span class="rc-survey-label">{W.surveyLabel}</span> <Stars rating={survey.rating} />
      {survey.comment && <blockquote class="rc-survey-comment">{survey.comment}</blockquote>}
    </div>
  );
}

export function TranscriptActions({ chatId, buttonClass }: { chatId: string; buttonClass: string }) {
  const [error, setError] = useState<string | null>(null);
  const download = (format: 'text' | 'html') =>
    downloadStaffTranscript(chatId, format).then(
      () => setError(null),
      (cause: unknown) => setError(cause instanceof Error && cause.message ? cause.message : W.downloadFailed),
    );
  return (
    <div class="rc-transcript-actions">
      <button type="button" class={buttonClass} onClick={() => void download('text')}>
        {W.downloadText}
      </button>
      <button type="button" class={buttonClass} onClick={() => void download('html')}>
        {W.downloadHtml}
      </button>
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
