/**
 * Step 5: Waiting in Queue. A series of chat-bubble messages appear one after
 * another: the queue's own waiting messages, the place in line and the
 * estimated wait, the last two kept up to date from 'chat:state'.
 */
import type { ComponentChildren } from 'preact';
import type { ChatStateView, PublicQueueView } from '../../../src/protocol/views.js';
import { Header } from '../components/Header.js';
import { estimatedWaitText, positionText } from '../format.js';

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

/** Delay between bubbles so they read as a sequence of messages. */
const STAGGER_S = 0.7;

export function waitingLines(queue: PublicQueueView, state: ChatStateView | null): string[] {
  const lines = queue.waitingMessages.filter((m) => m.trim() !== '');
  if (!state) return lines;
  // Offered to an agent: no longer "in line" but not talking yet; they are next.
  if (state.position !== null) lines.push(positionText(state.position));
  else if (state.status === 'offered') lines.push(positionText(1));
  if (queue.showEstimatedWait && state.estimatedWaitSeconds !== null) lines.push(estimatedWaitText(state.estimatedWaitSeconds));
  return lines;
}

export function Waiting({ queue, state, endButton, banner, offline }: WaitingProps) {
  const lines = waitingLines(queue, state);
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
        <h2 class="waiting-title">Connecting you to an agent</h2>
        <ol class="bubbles" aria-live="polite" aria-label="Waiting in queue">
          {lines.map((text, i) => (
            // Keyed by position: a live update rewrites the line in place instead of re-animating it.
            <li key={i} class="bubble bubble--system" style={{ animationDelay: `${i * STAGGER_S}s` }}>
              {text}
            </li>
          ))}
          <li class="bubble bubble--system bubble--dots" aria-hidden="true" style={{ animationDelay: `${lines.length * STAGGER_S}s` }}>
            <span class="dots">
              <span />
              <span />
              <span />
            </span>
          </li>
        </ol>
        {offline}
      </div>
    </>
  );
}
