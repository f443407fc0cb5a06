/**
 * Back in line after a conversation had started (the agent was disconnected
 * or is no longer available): the Waiting screen's place and estimate, shown
 * under the conversation so far, which stays on screen — nothing written is
 * lost — and the customer can keep writing; the next agent reads it all.
 */
import type { ComponentChildren } from 'preact';
import type { PublicQueueView } from '../../../src/protocol/views.js';
import { Composer } from '../components/Composer.js';
import { Header } from '../components/Header.js';
import { Transcript } from '../components/Transcript.js';
import { words } from '../i18n/messages.js';
import { placeLines } from './placeLines.js';
import type { ChatConnection, ChatSnapshot } from '../socket.js';


interface WaitingAgainProps {
  queue: PublicQueueView;
  chat: ChatConnection;
  snap: ChatSnapshot;
  endButton?: ComponentChildren;
  banner?: ComponentChildren;
  /** The offline options, once the queue closed or the wait grew long. */
  offline?: ComponentChildren;
}

export function WaitingAgain({ queue, chat, snap, endButton, banner, offline }: WaitingAgainProps) {
  const t = words.waiting.get();
  return (
    <>
      <Header queueName={queue.name} subtitle={queue.clientName}>
        {endButton}
      </Header>
      {banner}
      <div class="body body--chat body--thread">
        <Transcript queue={queue} events={snap.events} token={chat.token} pending={snap.pending} canRetry onRetry={(id) => chat.retry(id)} onRemove={(id) => chat.remove(id)} />
        <section class="waiting-again" aria-labelledby="waiting-again-title">
          <span class="spinner waiting-again-spinner" aria-hidden="true" />
          <div>
            <h2 id="waiting-again-title" class="waiting-again-title">
              {t.againTitle}
            </h2>
            <p class="waiting-again-place" role="status">
              {placeLines(t, snap.state, queue.showEstimatedWait).join(' ')}
            </p>
          </div>
        </section>
        {offline && <div class="waiting-again-offline">{offline}</div>}
      </div>
      <Composer onSend={(body) => chat.send(body)} onTyping={() => chat.noteTyping()} />
    </>
  );
}
