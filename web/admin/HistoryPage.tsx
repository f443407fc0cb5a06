/**
 * Chat history for admins and supervisors: every ended chat of the client (GET /api/agent/history, which
 * gives them the whole client), searchable, each with its survey answer and its transcript to download.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ChatHistoryItem } from '../../src/protocol/views.js';
import { ApiError, fetchJson } from '../shared/http.js';
import { Stars } from '../shared/TranscriptActions.js';
import { downloadStaffTranscript } from '../shared/transcriptDownload.js';
import { TRANSCRIPT_WORDS } from '../shared/transcriptWords.js';
import { HISTORY_WORDS as W } from './historyWords.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const SEARCH_DELAY_MS = 250;

export function HistoryPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [query, setQuery] = useState('');
  const [chats, setChats] = useState<ChatHistoryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      fetchJson<{ chats: ChatHistoryItem[] }>(`/api/agent/history?q=${encodeURIComponent(query)}`, { signal: abort.signal }).then(
        (answer) => {
          setChats(answer.chats);
          setError(null);
        },
        (cause: unknown) => {
          if (abort.signal.aborted) return;
          if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
          setError(cause instanceof Error ? cause.message : W.loadFailed);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query]);

  const download = (chatId: string, format: 'text' | 'html') =>
    downloadStaffTranscript(chatId, format).then(
      () => setError(null),
      (cause: unknown) => setError(cause instanceof Error && cause.message ? cause.message : W.downloadFailed),
    );

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">{W.intro}</p>
        </div>
        <input
          type="search"
          class="rc-input history-search"
          aria-label={W.search}
          placeholder={W.searchPlaceholder}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </header>
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!chats && !error && <p class="rc-muted">{W.loading}</p>}
      {chats && chats.length === 0 && (
        <div class="rc-card empty-card">
          <p>{query ? W.noMatch : W.empty}</p>
        </div>
      )}
      {chats && chats.length > 0 && (
        <div class="rc-card page-card">
          <table class="people-table chats-table">
            <thead>
              <tr>
                <th scope="col">{W.customer}</th>
                <th scope="col">{W.queue}</th>
                <th scope="col">{W.agent}</th>
                <th scope="col">{W.ended}</th>
                <th scope="col">{W.rating}</th>
                <th scope="col">{W.transcript}</th>
              </tr>
            </thead>
            <tbody>
              {chats.map((c) => (
                <tr key={c.chatId}>
                  <td class="chat-customer">
                    {c.customerName}
                    {c.customerEmail && <div class="rc-muted">{c.customerEmail}</div>}
                    {c.matchedText && (
                      <div class="history-match">
                        <span class="rc-sr-only">{W.matched} </span>“{c.matchedText}”
                      </div>
                    )}
                  </td>
                  <td>{c.queueName}</td>
                  <td>{c.agentName ?? <span class="rc-muted">—</span>}</td>
                  <td class="audit-when">{when(c.endedAt)}</td>
                  <td>
                    {c.survey ? (
                      <>
                        <Stars rating={c.survey.rating} />
                        {c.survey.comment && <blockquote class="rc-survey-comment">{c.survey.comment}</blockquote>}
                      </>
                    ) : (
                      <span class="rc-muted">{TRANSCRIPT_WORDS.noSurvey}</span>
                    )}
                  </td>
                  <td class="person-actions">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.downloadText(c.customerName)} onClick={() => void download(c.chatId, 'text')}>
                      {W.text}
                    </button>
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.downloadHtml(c.customerName)} onClick={() => void download(c.chatId, 'html')}>
                      {W.html}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
