/**
 * After the chat (issue 11): the post-chat survey when the queue asks for one (a radio group of 1–5
 * stars, each with its accessible name, and an optional comment), and the transcript: downloaded as
 * text or a web page, or mailed to an address prefilled from the Data Collection form. Loaded as a
 * chunk of its own when a chat ends (with its words in the reader's language): the page's first load
 * does not carry it.
 */
import { useEffect, useState } from 'preact/hooks';
import { isEmail } from '../../../src/domain/dataCollection.js';
import { type AfterChatView, SURVEY_COMMENT_MAX_CHARS, type TranscriptFormat, type TranscriptLanguage } from '../../../src/protocol/afterChat.js';
import { AfterError, afterView, downloadTranscript, mailTranscript, sendSurvey } from './afterApi.js';
import type { AfterWords } from './words/afterEn.js';
import './after.css';

export interface AfterChatProps {
  token: string;
  language: TranscriptLanguage;
  words: AfterWords;
}

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (whole, key: string) => String(values[key] ?? whole));

export function AfterChat({ token, language, words: w }: AfterChatProps) {
  const [view, setView] = useState<AfterChatView | null>(null);
  useEffect(() => {
    afterView(token).then(setView, () => setView({ ended: true, survey: 'off', email: null }));
  }, [token]);
  if (!view) return null;
  return (
    <div class="after">
      {view.survey !== 'off' && <Survey token={token} w={w} done={view.survey === 'done'} />}
      <Transcript token={token} language={language} w={w} email={view.email} />
    </div>
  );
}

function Survey({ token, w, done }: { token: string; w: AfterWords; done: boolean }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(done ? w.thanks : null);

  async function submit(event: Event) {
    event.preventDefault();
    if (!rating) return setError(w.chooseRating);
    setBusy(true);
    setError(null);
    try {
      await sendSurvey(token, { rating, comment });
      setResult(w.thanks);
    } catch (cause) {
      // Answered already (another tab, or an answer that was lost on its way back): it stands.
      if (cause instanceof AfterError && cause.body?.id === 'conflict') setResult(w.alreadyRated);
      else setError(cause instanceof AfterError && cause.body ? cause.body.message : w.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="after-section" aria-labelledby="survey-title">
      <h2 id="survey-title" class="after-title">
        {w.surveyTitle}
      </h2>
      {result ? (
        <p class="success" role="status">
          {result}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <fieldset class="stars" aria-describedby={error ? 'survey-error' : undefined}>
            <legend class="visually-hidden">{w.ratingLegend}</legend>
            {w.ratings.map((label, i) => (
              <label key={label} class={`star${rating > i ? ' star--on' : ''}`} title={label}>
                <input type="radio" name="rating" value={i + 1} class="visually-hidden" checked={rating === i + 1} onChange={() => setRating(i + 1)} />
                <span aria-hidden="true">★</span>
                <span class="visually-hidden">{label}</span>
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="survey-comment">{w.comment}</label>
            <textarea
              id="survey-comment"
              rows={2}
              maxLength={SURVEY_COMMENT_MAX_CHARS}
              value={comment}
              aria-describedby="survey-comment-hint"
              onInput={(e) => setComment(e.currentTarget.value)}
            />
            <p id="survey-comment-hint" class="field-hint">
              {fill(w.commentHint, { n: SURVEY_COMMENT_MAX_CHARS })}
            </p>
          </div>
          {error && (
            <p id="survey-error" class="form-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {w.submit}
          </button>
        </form>
      )}
    </section>
  );
}

function Transcript({ token, language, w, email: prefilled }: { token: string; language: TranscriptLanguage; w: AfterWords; email: string | null }) {
  const [email, setEmail] = useState(prefilled ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);

  const download = (format: TranscriptFormat) => downloadTranscript(token, format, language).catch(() => setError(w.failed));

  async function submit(event: Event) {
    event.preventDefault();
    const address = email.trim();
    if (!isEmail(address)) return setError(w.emailInvalid);
    setBusy(true);
    setError(null);
    setSent(null);
    try {
      await mailTranscript(token, { email: address, language, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
      setSent(fill(w.emailQueued, { email: address }));
    } catch (cause) {
      setError(cause instanceof AfterError && cause.body ? (cause.body.fields?.email ?? cause.body.message) : w.failed);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="after-section" aria-labelledby="transcript-title">
      <h2 id="transcript-title" class="after-title">
        {w.transcriptTitle}
      </h2>
      <div class="after-actions">
        <button type="button" class="btn btn-secondary" onClick={() => void download('text')}>
          {w.downloadText}
        </button>
        <button type="button" class="btn btn-secondary" onClick={() => void download('html')}>
          {w.downloadHtml}
        </button>
      </div>
      <form class="after-mail" onSubmit={submit} noValidate>
        <div class={`field${error ? ' field--invalid' : ''}`}>
          <label for="transcript-email">{w.email}</label>
          <input
            id="transcript-email"
            type="email"
            autoComplete="email"
            maxLength={254}
            value={email}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'transcript-error' : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          {error && (
            <p id="transcript-error" class="field-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {w.sendEmail}
        </button>
      </form>
      {sent && (
        <p class="success" role="status">
          {sent}
        </p>
      )}
    </section>
  );
}
