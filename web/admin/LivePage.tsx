/**
 * Live view: per queue the line, today's service level and abandonment; per
 * agent their state, load and chats handled today; the chats waiting or in
 * progress, each of which opens read-only (LiveChat.tsx). Pushed by the
 * server (liveSocket.ts); waits and times in state tick on the page.
 */
import type { BoardView, QueueFigures } from '../../src/protocol/supervisor.js';
import { LiveChat } from './LiveChat.js';
import { LIVE_CHATS_MAX } from '../../src/protocol/supervisor.js';
import { CHAT_STATUS_WORDS, duration, LIVE_WORDS as W, percent, STATE_WORDS } from './liveWords.js';
import { useLiveView, useServerNow } from './liveSocket.js';
import './live.css';

export interface LivePageProps {
  chatId: string | null;
  onOpenChat: (chatId: string | null) => void;
  onUnauthorized: () => void;
}

const since = (iso: string, now: number) => duration((now - new Date(iso).getTime()) / 1000);
const clock = (iso: string, zone: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });

export function LivePage({ chatId, onOpenChat, onUnauthorized }: LivePageProps) {
  const live = useLiveView(onUnauthorized);
  const now = useServerNow(live.skewMs);
  const { board } = live;

  if (chatId && live.socket) {
    return <LiveChat key={chatId} socket={live.socket} online={live.connection === 'online'} chatId={chatId} onBack={() => onOpenChat(null)} />;
  }

  return (
    <div class="page page-wide live-page">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">
            {W.intro} {board && W.today(board.timeZone, clock(board.dayStartedAt, board.timeZone))}
          </p>
        </div>
        <span class={`live-status is-${live.connection}`} role="status">
          <span class="live-dot" aria-hidden="true" />
          {live.connection === 'online' ? W.live : W.connecting}
        </span>
      </header>
      {live.connection === 'reconnecting' && board && (
        <p class="rc-alert rc-alert-info" role="alert">
          {W.reconnecting}
        </p>
      )}
      {live.error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {W.loadFailed} {live.error}
        </p>
      )}
      {!board && !live.error && <p class="rc-muted">{W.connecting}</p>}
      {board && (
        <>
          <Queues board={board} now={now} />
          <Agents board={board} now={now} />
          <Chats board={board} now={now} onOpen={onOpenChat} />
        </>
      )}
    </div>
  );
}

function ServiceLevel({ q }: { q: QueueFigures }) {
  if (q.serviceLevel === null) {
    return (
      <span class="live-figure">
        <span class="rc-muted">{W.none}</span>
        <span class="live-detail">{W.targetOnly(q.serviceLevelSeconds)}</span>
      </span>
    );
  }
  const total = q.answeredToday + q.abandonedToday;
  return (
    <span class="live-figure">
      <strong>{percent(q.serviceLevel)}</strong>
      <span class="live-detail">{W.serviceLevelDetail(q.answeredInTargetToday, total, q.serviceLevelSeconds)}</span>
    </span>
  );
}

/** How good today's estimates were: the median gap between the first estimate shown and the real wait. */
function Accuracy({ q }: { q: QueueFigures }) {
  if (q.estimateMedianErrorSeconds === null || q.estimateMedianBiasSeconds === null) return <span class="rc-muted">{W.none}</span>;
  return (
    <span class="live-figure">
      <strong>{W.accuracyOff(q.estimateMedianErrorSeconds)}</strong>
      <span class="live-detail">{W.accuracyCount(q.estimatesCheckedToday)}</span>
      <span class="live-detail">{W.accuracyBias(q.estimateMedianBiasSeconds)}</span>
    </span>
  );
}

function Queues({ board, now }: { board: BoardView; now: number }) {
  const c = W.queueColumns;
  return (
    <section class="live-section" aria-labelledby="live-queues">
      <h2 id="live-queues" class="live-heading">
        {W.queuesTitle}
      </h2>
      {board.queues.length === 0 ? (
        <div class="rc-card empty-card">
          <p>{W.noQueues}</p>
        </div>
      ) : (
        <div class="rc-card page-card live-scroll" role="region" aria-labelledby="live-queues" tabIndex={0}>
          <table class="people-table live-table">
            <thead>
              <tr>
                <th scope="col">{c.queue}</th>
                <th scope="col" class="num">{c.waiting}</th>
                <th scope="col" class="num">{c.longest}</th>
                <th scope="col" class="num">{c.estimate}</th>
                <th scope="col" class="num">{c.inProgress}</th>
                <th scope="col" class="num">{c.offline}</th>
                <th scope="col">{c.serviceLevel}</th>
                <th scope="col">{c.abandoned}</th>
                <th scope="col" aria-describedby="live-accuracy-explained">
                  {c.accuracy}
                </th>
              </tr>
            </thead>
            <tbody>
              {board.queues.map((q) => (
                <tr key={q.queueId} data-queue={q.name}>
                  <th scope="row" class="live-queue">
                    {q.name}
                    <span class={`rc-badge ${q.open ? 'rc-badge-success' : ''}`}>{q.open ? W.open : W.closed}</span>
                  </th>
                  <td class="num live-waiting">
                    <strong class={q.waiting > 0 ? 'live-alert' : ''}>{q.waiting}</strong>
                  </td>
                  <td class="num">{q.oldestWaitingSince ? since(q.oldestWaitingSince, now) : <span class="rc-muted">{W.none}</span>}</td>
                  <td class="num">{q.newcomerEstimateSeconds === null ? <span class="rc-muted">{W.none}</span> : duration(q.newcomerEstimateSeconds)}</td>
                  <td class="num">{q.inProgress}</td>
                  <td class="num">
                    <span aria-label={W.offlineLabel(q.messagesWaiting, q.callbacksWaiting)}>{W.offlineCounts(q.messagesWaiting, q.callbacksWaiting)}</span>
                  </td>
                  <td>
                    <ServiceLevel q={q} />
                  </td>
                  <td>
                    {q.abandonment === null ? (
                      <span class="rc-muted">{W.none}</span>
                    ) : (
                      <span class="live-figure">
                        <strong>{percent(q.abandonment)}</strong>
                        <span class="live-detail">{W.abandonedDetail(q.abandonedToday)}</span>
                      </span>
                    )}
                  </td>
                  <td>
                    <Accuracy q={q} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {board.queues.length > 0 && (
        <p id="live-accuracy-explained" class="rc-hint live-explained">
          {W.accuracyExplained}
        </p>
      )}
    </section>
  );
}

function Agents({ board, now }: { board: BoardView; now: number }) {
  const c = W.agentColumns;
  return (
    <section class="live-section" aria-labelledby="live-agents">
      <h2 id="live-agents" class="live-heading">
        {W.agentsTitle}
      </h2>
      {board.agents.length === 0 ? (
        <div class="rc-card empty-card">
          <p>{W.noAgents}</p>
        </div>
      ) : (
        <div class="rc-card page-card live-scroll" role="region" aria-labelledby="live-agents" tabIndex={0}>
          <table class="people-table live-table">
            <thead>
              <tr>
                <th scope="col">{c.agent}</th>
                <th scope="col">{c.state}</th>
                <th scope="col" class="num">{c.since}</th>
                <th scope="col" class="num">{c.load}</th>
                <th scope="col" class="num">{c.handled}</th>
              </tr>
            </thead>
            <tbody>
              {board.agents.map((a) => (
                <tr key={a.userId} data-agent={a.displayName}>
                  <th scope="row">{a.displayName}</th>
                  <td>
                    <span class={`rc-badge ${STATE_WORDS[a.state].badge}`}>{STATE_WORDS[a.state].label}</span>
                  </td>
                  <td class="num">{since(a.stateSince, now)}</td>
                  <td class="num">
                    <span class="live-load">
                      {W.load(a.inHand, a.capacity)}
                      <span class="live-meter" aria-hidden="true">
                        <span style={{ width: `${Math.min(100, (a.inHand / Math.max(1, a.capacity)) * 100)}%` }} />
                      </span>
                    </span>
                  </td>
                  <td class="num">{a.handledToday}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Chats({ board, now, onOpen }: { board: BoardView; now: number; onOpen: (chatId: string) => void }) {
  const c = W.chatColumns;
  return (
    <section class="live-section" aria-labelledby="live-chats">
      <h2 id="live-chats" class="live-heading">
        {W.chatsTitle}
      </h2>
      {board.chats.length === 0 ? (
        <div class="rc-card empty-card">
          <p>{W.noChats}</p>
        </div>
      ) : (
        <div class="rc-card page-card live-scroll" role="region" aria-labelledby="live-chats" tabIndex={0}>
          <table class="people-table live-table">
            <thead>
              <tr>
                <th scope="col">{c.customer}</th>
                <th scope="col">{c.queue}</th>
                <th scope="col">{c.agent}</th>
                <th scope="col">{c.status}</th>
                <th scope="col" class="num">{c.since}</th>
                <th scope="col">
                  <span class="rc-sr-only">{c.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {board.chats.map((chat) => (
                <tr key={chat.chatId}>
                  <th scope="row">{chat.customerName}</th>
                  <td>{chat.queueName}</td>
                  <td>{chat.agentName ?? <span class="rc-muted">{W.none}</span>}</td>
                  <td>
                    <span class={`rc-badge ${CHAT_STATUS_WORDS[chat.status].badge}`}>{CHAT_STATUS_WORDS[chat.status].label}</span>
                  </td>
                  <td class="num">{since(chat.since, now)}</td>
                  <td class="person-actions">
                    <a
                      class="rc-btn rc-btn-secondary rc-btn-sm"
                      href={`#/live/${encodeURIComponent(chat.chatId)}`}
                      aria-label={W.openChatLabel(chat.customerName)}
                      onClick={(event) => {
                        event.preventDefault();
                        onOpen(chat.chatId);
                      }}
                    >
                      {W.open_chat}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {board.chats.length >= LIVE_CHATS_MAX && <p class="rc-hint live-more">{W.moreChats(board.chats.length)}</p>}
        </div>
      )}
    </section>
  );
}
