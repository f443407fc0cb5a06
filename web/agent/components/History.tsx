/** "Chat history": the agent's past chats, searchable by customer name or email, with their transcripts. */
import { useEffect, useState } from 'preact/hooks';
import type { AgentChatView, ChatHistoryItem } from '../../../src/protocol/views.js';
import { fetchJson } from '../../shared/http.js';
import { dateTime } from '../format.js';
import { entryFrom } from '../state.js';
import { DataList } from './DataList.js';
import { Stars, SurveyAnswer, TranscriptActions } from '../../shared/TranscriptActions.js';
import { Transcript } from './Transcript.js';

const SEARCH_DELAY_MS = 250;

function useHistory(query: string) {
  const [items, setItems] = useState<ChatHistoryItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    // Wait for a pause in typing rather than searching on every key.
    const timer = setTimeout(() => {
      fetchJson<{ chats: ChatHistoryItem[] }>(`/api/agent/history?q=${encodeURIComponent(query)}`, { signal: abort.signal }).then(
        ({ chats }) => {
          setItems(chats);
          setError(null);
        },
        (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : 'Could not load the history.'),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query]);
  return { items, error };
}

export function History() {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<AgentChatView | null>(null);
  const { items, error } = useHistory(query);

  async function show(chatId: string) {
    const { chat } = await fetchJson<{ chat: AgentChatView }>(`/api/agent/history/${chatId}`);
    setOpen(chat);
  }

  return (
    <section class="history" aria-labelledby="history-title">
      <header class="offline-head">
        <div>
          <h2 id="history-title" class="chat-title">
            Chat history
          </h2>
          <p class="chat-subtitle">Past chats (yours; admins and supervisors see everyone's). Search by the customer's name, email or words written in the chat.</p>
        </div>
        <input
          type="search"
          class="rc-input history-search"
          placeholder="Search name, email or words…"
          aria-label="Search chat history"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </header>
      <div class="history-body">
        <div class="history-list">
          {error && (
            <p class="rc-alert rc-alert-error" role="alert">
              {error}
            </p>
          )}
          {items === null && !error && <p class="rc-muted">Loading…</p>}
          {items?.length === 0 && <p class="empty-state">{query ? 'No past chat matches.' : 'No past chats yet.'}</p>}
          <ul class="chat-list" aria-label="Past chats">
            {items?.map((item) => (
              <li key={item.chatId}>
                <button
                  type="button"
                  class={`chat-item${open?.chatId === item.chatId ? ' is-selected' : ''}`}
                  onClick={() => void show(item.chatId)}
                >
                  <span class="chat-item-top">
                    <span class="chat-item-name">{item.customerName}</span>
                    <time class="chat-item-time" dateTime={item.endedAt}>
                      {dateTime(item.endedAt)}
                    </time>
                  </span>
                  <span class="chat-item-queue">
                    {item.queueName}
                    {item.customerEmail ? ` · ${item.customerEmail}` : ''}
                  </span>
                  {item.matchedText && (
                    <span class="chat-item-preview history-match">
                      <span class="rc-sr-only">Written in the chat: </span>“{item.matchedText}”
                    </span>
                  )}
                  <span class="chat-item-preview">
                    {item.messageCount} {item.messageCount === 1 ? 'message' : 'messages'}
                    {item.survey && (
                      <>
                        {' · '}
                        <Stars rating={item.survey.rating} />
                      </>
                    )}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <div class="history-transcript">
          {open ? (
            <>
              <header class="history-transcript-head">
                <h3>{open.customerName}</h3>
                <p class="chat-subtitle">{open.queueName}</p>
                {open.customerData.length > 0 && <DataList items={open.customerData} compact />}
                <SurveyAnswer survey={items?.find((i) => i.chatId === open.chatId)?.survey ?? null} />
                <TranscriptActions chatId={open.chatId} buttonClass="rc-btn rc-btn-secondary rc-btn-sm" />
              </header>
              <Transcript chat={entryFrom(open)} notes={open.notes} onRetry={() => undefined} onDiscard={() => undefined} />
            </>
          ) : (
            <p class="empty-state">Choose a chat to read its transcript.</p>
          )}
        </div>
      </div>
    </section>
  );
}
