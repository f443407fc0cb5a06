/**
 * Step 5: Waiting in Queue. A series of chat-bubble messages appear one after
 * another: the queue's own waiting messages, the place in line and the
 * estimated wait, the last two kept up to date from 'chat:state'.
 */
import type { ComponentChildren } from 'preact';
import type { ChatStateView, PublicQueueView } from '../../../src/protocol/views.js';
import { Header } from '../components/Header.js';
import { words } from '../i18n/messages.js';
import { placeLines } from './placeLines.js';

interface WaitingProps {
  queue: PublicQueueView;
  /** null while the chat is being created. */
  state: ChatStateView | null;
  /** Leaves the line; absent until there is a chat to leave. */
  endButton?: ComponentChildren;
  banner?: ComponentChildren;
  /** The offline options, once the queue closed or the wait grew long. */
  offline?: ComponentChildren;
}

/**
 * Delay between bubbles so they read as a sequence of messages, short enough that the place in line and
 * the estimate are there at once after Send (issue 11): the whole series is in within half a second.
 */
const STAGGER_S = 0.15;

export function Waiting({ queue, state, endButton, banner, offline }: WaitingProps) {
  const t = words.waiting.get();
  // The queue's own waiting messages as its admins wrote them, then the place and estimate.
  const lines = [...queue.waitingMessages.filter((m) => m.trim() !== ''), ...placeLines(t, state, queue.showEstimatedWait)];
  return (
    <>
      <Header queueName={queue.name} subtitle={queue.clientName}>
        {endButton}
      </Header>
      {banner}
      <div class="body body--chat">
        <div class="waiting-hero" aria-hidden="true">
          <span class="pulse" />
        </div>
        <h2 class="waiting-title">{state?.nobodyAvailable ? t.waitingForAgentTitle : t.title}</h2>
        <ol class="bubbles" aria-live="polite" aria-label={t.listLabel}>
          {lines.map((text, i) => (
            // Keyed by position: a live update rewrites the line in place instead of re-animating it.
            <li key={i} class="bubble bubble--system" style={{ animationDelay: `${i * STAGGER_S}s` }}>
              {text}
            </li>
          ))}
        </ol>
        {offline}
      </div>
    </>
  );
}
