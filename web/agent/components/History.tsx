/**
 * "Chat history": the agent's past chats, searchable by customer name or email, with their transcripts.
 * Where the window is narrow (layout.ts) the list and the transcript take turns, the transcript with a Back
 * to the list; on a phone (onBack given) the page has a Back to the chat list too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AgentChatView, ChatHistoryItem } from '../../../src/protocol/views.js';
import { fetchJson } from '../../shared/http.js';
import { dateTime } from '../format.js';
import { entryFrom } from '../state.js';
import { DataList } from './DataList.js';
import { Stars, SurveyAnswer, TranscriptActions } from '../../shared/TranscriptActions.js';
import { Transcript } from './Transcript.js';
import { BackButton } from './BackButton.js';
import { LAYOUT_WORDS } from '../layoutWords.js';
import { HISTORY_WORDS as W } from '../historyWords.js';
import { STACKED_HISTORY_QUERY, useMediaQuery } from '../layout.js';

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
        (e: unknown) => !abort.signal.aborted && setError(e instanceof Error ? e.message : W.loadFailed),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query]);
  return { items, error };
}

export function History({ onBack }: { onBack?: (() => void) | undefined }) {
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<AgentChatView | null>(null);
  const { items, error } = useHistory(query);
  const stacked = useMediaQuery(STACKED_HISTORY_QUERY);
  // Narrow: the transcript replaces the list (and the page's header); its heading takes focus, and Back gives it to the chat's row.
  const [reading, setReading] = useState(false);
  const transcriptTitle = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const [returnTo, setReturnTo] = useState<string | null>(null);
  const showList = !stacked || !reading || !open;
  const showTranscript = !stacked || (reading && open !== null);

  async function show(chatId: string) {
    const { chat } = await fetchJson<{ chat: AgentChatView }>(`/api/agent/history/${chatId}`);
    setOpen(chat);
    setReading(true);
  }

  useEffect(() => {
    if (stacked && reading && open) transcriptTitle.current?.focus();
  }, [stacked, reading, open?.chatId]);
  useEffect(() => {
    if (!returnTo) return;
    list.current?.querySelector<HTMLElement>(`[data-chat-id="${returnTo}"]`)?.focus();
    setReturnTo(null);
  }, [returnTo]);

  return (
    <section class="history" aria-labelledby="history-title">
      <header class="offline-head" hidden={stacked && reading && open !== null}>
        {onBack && <BackButton onBack={onBack} />}
        <div class="offline-head-text">
          <h2 id="history-title" class="chat-title">
            {W.title}
          </h2>
          <p class="chat-subtitle">{W.intro}</p>
        </div>
        <input
          type="search"
          class="rc-input history-search"
          placeholder={W.searchPlaceholder}
          aria-label={W.searchLabel}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </header>
      <div class={`history-body${stacked ? ' history-body-stacked' : ''}`}>
        {showList && (
          <div class="history-list" ref={list}>
            {error && (
              <p class="rc-alert rc-alert-error" role="alert">
                {error}
              </p>
            )}
            {items === null && !error && <p class="rc-muted">{W.loading}</p>}
            {items?.length === 0 && <p class="empty-state">{query ? W.noMatch : W.none}</p>}
            <ul class="chat-list" aria-label={W.listLabel}>
              {items?.map((item) => (
                <li key={item.chatId}>
                  <button
                    type="button"
                    class={`chat-item${open?.chatId === item.chatId ? ' is-selected' : ''}`}
                    data-chat-id={item.chatId}
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
                        <span class="rc-sr-only">{W.matched}</span>“{item.matchedText}”
                      </span>
                    )}
                    <span class="chat-item-preview">
                      {W.messages(item.messageCount)}
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
        )}
        {showTranscript && (
          <div class="history-transcript">
            {open ? (
              <>
                <header class="history-transcript-head">
                  {stacked && (
                    <BackButton
                      label={LAYOUT_WORDS.backToPastLabel}
                      text={LAYOUT_WORDS.backToPast}
                      onBack={() => {
                        setReading(false);
                        setReturnTo(open.chatId);
                      }}
                    />
                  )}
                  <h3 ref={transcriptTitle} tabIndex={-1}>
                    {open.customerName}
                  </h3>
                  <p class="chat-subtitle">{open.queueName}</p>
                  {open.customerData.length > 0 && <DataList items={open.customerData} compact />}
                  <SurveyAnswer survey={items?.find((i) => i.chatId === open.chatId)?.survey ?? null} />
                  <TranscriptActions chatId={open.chatId} buttonClass="rc-btn rc-btn-secondary rc-btn-sm" />
                </header>
                <Transcript chat={entryFrom(open)} notes={open.notes} onRetry={() => undefined} onDiscard={() => undefined} />
              </>
            ) : (
              <p class="empty-state">{W.choose}</p>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
