/**
 * The agent console's reducer under a busy shift: a console holding 8 chats
 * of 1,000 events each applies 10,000 pushed events (round robin over the
 * chats, every tenth one arriving twice as an echo of a retried send), and
 * after each one the chat list reads every chat's preview as a render would.
 * Reports the median wall-clock of several runs and the garbage collections
 * the run caused (a proxy for allocations).
 *
 *   npx tsx bench/micro/consoleReducer.ts
 */
import { PerformanceObserver, performance } from 'node:perf_hooks';
import type { AgentSnapshot } from '../../src/protocol/events.js';
import type { AgentChatView, ChatEventView, MeView } from '../../src/protocol/views.js';
import { chatPreview } from '../../web/agent/components/chatPreview.js';
import { initialState, reducer, type ConsoleState } from '../../web/agent/state.js';

const CHATS = 8;
const HELD = 1_000;
const PUSHED = 10_000;
const RUNS = Number(process.env.RUNS ?? 7);

const me: MeView = { id: 'me', clientId: 'c', clientName: 'Demo', email: 'a@b.c', displayName: 'Sophie', role: 'agent', pictureUrl: null, capacity: 8 };

function event(chatId: string, seq: number): ChatEventView {
  const author = seq % 2 === 0 ? 'agent' : 'customer';
  return {
    chatId,
    seq,
    kind: 'message',
    author,
    authorName: author === 'agent' ? 'Sophie' : 'Zoe',
    body: `Message ${seq} of an ordinary length about an order`,
    system: null,
    line: null,
    clientMsgId: author === 'agent' ? `m-${chatId}-${seq}` : null,
    at: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
  };
}

function chatView(i: number): AgentChatView {
  const chatId = `chat-${i}`;
  const view = {
    chatId,
    queueName: 'Support',
    customerName: `Customer ${i}`,
    customerData: [],
    status: 'active',
    endedBy: null,
    events: Array.from({ length: HELD }, (_, k) => event(chatId, k + 1)),
    hasOlder: false,
  } as const;
  return view as unknown as AgentChatView;
}

function startState(): ConsoleState {
  const snapshot: AgentSnapshot = {
    me,
    state: { status: 'available', awayReason: null } as never,
    offers: [],
    chats: Array.from({ length: CHATS }, (_, i) => chatView(i)),
    offlineOffers: [],
  };
  return reducer(initialState(me, []), { type: 'snapshot', snapshot });
}

const pushed: ChatEventView[] = [];
for (let n = 0; n < PUSHED; n++) {
  const chat = n % CHATS;
  pushed.push(event(`chat-${chat}`, HELD + 1 + Math.floor(n / CHATS)));
}

function run(): { ms: number; reducerMs: number; listMs: number } {
  let state = startState();
  let previews = 0;
  let reducerMs = 0;
  let listMs = 0;
  const started = performance.now();
  for (let n = 0; n < pushed.length; n++) {
    const e = pushed[n]!;
    const t0 = performance.now();
    state = reducer(state, { type: 'event', event: e });
    if (n % 10 === 0) state = reducer(state, { type: 'event', event: e });
    const t1 = performance.now();
    for (const chat of state.chats) previews += chatPreview(chat).length;
    reducerMs += t1 - t0;
    listMs += performance.now() - t1;
  }
  const ms = performance.now() - started;
  if (previews === 0) throw new Error('no previews read');
  const last = state.chats[0]!;
  if (last.events.length !== HELD + PUSHED / CHATS) throw new Error(`lost or doubled events: ${last.events.length}`);
  return { ms, reducerMs, listMs };
}

let gcs = 0;
let gcMs = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcs += 1;
    gcMs += entry.duration;
  }
});

run(); // warm up
observer.observe({ entryTypes: ['gc'] });
const runs = Array.from({ length: RUNS }, run);
const times = runs.map((r) => r.ms);
const med = (xs: number[]) => Number([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1));
await new Promise((r) => setTimeout(r, 50));
observer.disconnect();
const sorted = [...times].sort((a, b) => a - b);
console.log(
  JSON.stringify(
    {
      chats: CHATS,
      eventsHeldPerChat: HELD,
      eventsApplied: PUSHED + PUSHED / 10,
      medianMs: Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(1)),
      minMs: Number(sorted[0]!.toFixed(1)),
      reducerMedianMs: med(runs.map((r) => r.reducerMs)),
      chatListReadsMedianMs: med(runs.map((r) => r.listMs)),
      perEventMicroseconds: Number(((sorted[Math.floor(sorted.length / 2)]! * 1000) / (PUSHED * 1.1)).toFixed(2)),
      gcPerRun: Number((gcs / RUNS).toFixed(1)),
      gcMsPerRun: Number((gcMs / RUNS).toFixed(1)),
    },
    null,
    2,
  ),
);
