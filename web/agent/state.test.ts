/** The console's reducer: threads stay ordered and unique whatever the arrival order, cheaply. */
import { describe, expect, it } from 'vitest';
import type { AgentSnapshot } from '../../src/protocol/events.js';
import type { AgentChatView, ChatEventView, MeView } from '../../src/protocol/views.js';
import type { WhisperView } from '../../src/protocol/supervisor.js';
import { chatPreview } from './components/chatPreview.js';
import { type ChatEntry, type ConsoleState, initialState, lastSeq, reducer, withWhispers } from './state.js';

const me: MeView = { id: 'me', clientId: 'c', clientName: 'Demo', email: 'sophie@demo.example', displayName: 'Sophie', role: 'agent', pictureUrl: null, capacity: 3 };

function event(chatId: string, seq: number, more: Partial<ChatEventView> = {}): ChatEventView {
  return {
    chatId,
    seq,
    kind: 'message',
    author: 'customer',
    authorName: 'Zoe',
    body: `message ${seq}`,
    system: null,
    line: null,
    clientMsgId: null,
    at: new Date(1_700_000_000_000 + seq * 1000).toISOString(),
    ...more,
  };
}

const seqsFrom = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

function view(chatId: string, seqs: number[], hasOlder = false): AgentChatView {
  return { chatId, queueName: 'Support', customerName: `Customer ${chatId}`, customerData: [], status: 'active', endedBy: null, events: seqs.map((s) => event(chatId, s)), hasOlder, filesAllowed: true };
}

function snapshotOf(chats: AgentChatView[]): AgentSnapshot {
  return { me, state: { status: 'available', awayReason: null } as AgentSnapshot['state'], offers: [], chats, offlineOffers: [] };
}

/** A console showing chat a (selected) and chat b, each with events 1…5. */
function console2(): ConsoleState {
  return reducer(initialState(me, []), { type: 'snapshot', snapshot: snapshotOf([view('a', seqsFrom(1, 5)), view('b', seqsFrom(1, 5))]) });
}

const chat = (state: ConsoleState, chatId: string): ChatEntry => state.chats.find((c) => c.chatId === chatId)!;
const seqs = (entry: ChatEntry) => entry.events.map((e) => e.seq);

describe('console reducer', () => {
  it('appends the next event, counts unread for a chat not shown, and leaves the other chats the same objects', () => {
    const before = console2();
    expect(before.view).toEqual({ kind: 'chat', chatId: 'a' });
    const untouched = chat(before, 'a');
    const after = reducer(before, { type: 'event', event: event('b', 6) });
    expect(seqs(chat(after, 'b'))).toEqual(seqsFrom(1, 6));
    expect(chat(after, 'b').unread).toBe(1);
    expect(chat(after, 'a')).toBe(untouched);
    expect(chatPreview(chat(after, 'b'))).toBe('message 6');
    // The chat on screen counts nothing unread.
    expect(chat(reducer(after, { type: 'event', event: event('a', 6) }), 'a').unread).toBe(0);
  });

  it('puts events arriving out of order in their place', () => {
    let state = console2();
    for (const seq of [9, 7, 6, 8]) state = reducer(state, { type: 'event', event: event('b', seq) });
    expect(seqs(chat(state, 'b'))).toEqual(seqsFrom(1, 9));
    expect(chat(state, 'b').unread).toBe(4);
  });

  it('ignores an event it already holds: the state stays the same object', () => {
    const state = reducer(console2(), { type: 'event', event: event('b', 6) });
    expect(reducer(state, { type: 'event', event: event('b', 6) })).toBe(state);
    expect(reducer(state, { type: 'event', event: event('b', 3) })).toBe(state);
    expect(chat(state, 'b').unread).toBe(1);
  });

  it('turns a pending message into a sent one by its clientMsgId, once, whether the ack or the echo comes first', () => {
    let state = reducer(console2(), { type: 'pending', chatId: 'a', pending: [{ clientMsgId: 'x1', body: 'Hello', status: 'sending', error: null }] });
    expect(chatPreview(chat(state, 'a'))).toBe('You: Hello');
    const stored = event('a', 6, { author: 'agent', authorName: 'Sophie', body: 'Hello', clientMsgId: 'x1' });
    state = reducer(state, { type: 'sent', event: stored });
    expect(chat(state, 'a').pending).toEqual([]);
    expect(chatPreview(chat(state, 'a'))).toBe('You: Hello');
    const echoed = reducer(state, { type: 'event', event: stored });
    expect(echoed).toBe(state);

    // Echo first, then the ack.
    let other = reducer(console2(), { type: 'pending', chatId: 'b', pending: [{ clientMsgId: 'x2', body: 'Hi', status: 'sending', error: null }] });
    other = reducer(other, { type: 'event', event: event('b', 6, { author: 'agent', clientMsgId: 'x2' }) });
    expect(chat(other, 'b').pending).toEqual([]);
    other = reducer(other, { type: 'sent', event: event('b', 6, { author: 'agent', clientMsgId: 'x2' }) });
    expect(seqs(chat(other, 'b'))).toEqual(seqsFrom(1, 6));
    expect(chat(other, 'b').unread).toBe(0);
  });

  it('keeps the last seq before a hole, so the console syncs from there; the missing event closes it', () => {
    let state = reducer(console2(), { type: 'event', event: event('b', 8) });
    expect(lastSeq(chat(state, 'b'))).toBe(5);
    state = reducer(state, { type: 'chatSynced', chat: view('b', []), events: [event('b', 6), event('b', 7), event('b', 8)], hasOlder: false });
    expect(seqs(chat(state, 'b'))).toEqual(seqsFrom(1, 8));
    expect(lastSeq(chat(state, 'b'))).toBe(8);
  });

  it('follows the queue\'s files switch from the server: the attach button goes when files are turned off', () => {
    expect(chat(console2(), 'b').filesAllowed).toBe(true);
    const state = reducer(console2(), { type: 'chatSynced', chat: { ...view('b', []), filesAllowed: false }, events: [], hasOlder: false });
    expect(chat(state, 'b').filesAllowed).toBe(false);
    expect(chat(state, 'a').filesAllowed).toBe(true);
  });

  it('lets go of held events older than a gap the server skipped, and offers them as earlier messages', () => {
    const state = reducer(console2(), { type: 'chatSynced', chat: view('b', []), events: seqsFrom(300, 302).map((s) => event('b', s)), hasOlder: true });
    const b = chat(state, 'b');
    expect(seqs(b)).toEqual([300, 301, 302]);
    expect(b.hasOlder).toBe(true);
    // No hole left to sync again and again.
    expect(lastSeq(b)).toBe(302);
  });

  it('takes a snapshot that carries only what follows the held seqs, and keeps unchanged chats the same objects', () => {
    const before = console2();
    const after = reducer(before, { type: 'snapshot', snapshot: snapshotOf([view('a', []), view('b', [6, 7])]) });
    expect(chat(after, 'a')).toBe(chat(before, 'a'));
    expect(seqs(chat(after, 'b'))).toEqual(seqsFrom(1, 7));
  });

  it('puts earlier messages loaded on demand before the thread, keeping its order', () => {
    let state = reducer(initialState(me, []), { type: 'snapshot', snapshot: snapshotOf([view('a', seqsFrom(101, 150), true)]) });
    expect(chat(state, 'a').hasOlder).toBe(true);
    state = reducer(state, { type: 'olderLoaded', chatId: 'a', events: seqsFrom(51, 100).map((s) => event('a', s)), hasOlder: true });
    expect(seqs(chat(state, 'a'))).toEqual(seqsFrom(51, 150));
    state = reducer(state, { type: 'olderLoaded', chatId: 'a', events: seqsFrom(1, 50).map((s) => event('a', s)), hasOlder: false });
    expect(seqs(chat(state, 'a'))).toEqual(seqsFrom(1, 150));
    expect(chat(state, 'a').hasOlder).toBe(false);
    expect(chat(state, 'a').unread).toBe(0);
    expect(lastSeq(chat(state, 'a'))).toBe(150);
  });

  it('shows a transfer we asked for on its chat, keeps it across a snapshot, and lets the chat go once accepted', () => {
    const pending = { id: 't1', chatId: 'a', to: { kind: 'agent' as const, id: 'leo', name: 'Leo' }, note: 'refund', state: 'offered' as const, reason: null, expiresAt: null };
    let state = reducer(console2(), { type: 'transferUpdated', transfer: pending });
    expect(chat(state, 'a').outgoing).toEqual(pending);
    // A reconnect's snapshot still lists it as waiting.
    state = reducer(state, { type: 'snapshot', snapshot: { ...snapshotOf([view('a', seqsFrom(1, 5)), view('b', seqsFrom(1, 5))]), transfers: [pending] } });
    expect(chat(state, 'a').outgoing).toEqual(pending);
    const refused = reducer(state, { type: 'transferUpdated', transfer: { ...pending, state: 'refused', reason: 'declined' } });
    expect(chat(refused, 'a').outgoing?.reason).toBe('declined');
    expect(chat(reducer(refused, { type: 'transferDismissed', chatId: 'a' }), 'a').outgoing).toBeNull();
    // b has unread messages; once a goes, b is on screen and read.
    state = reducer(state, { type: 'event', event: event('b', 6) });
    expect(chat(state, 'b').unread).toBe(1);
    const handed = reducer(state, { type: 'transferUpdated', transfer: { ...pending, state: 'accepted' } });
    expect(handed.chats.map((c) => c.chatId)).toEqual(['b']);
    expect(handed.view).toEqual({ kind: 'chat', chatId: 'b' });
    expect(chat(handed, 'b').unread).toBe(0);
    expect(handed.notice).toBe('Chat transferred to Leo.');
  });

  it('drops a transfer offer the sender withdrew, saying so; a quiet withdrawal (timeout, a chat offer) says nothing', () => {
    const offer = { chatId: 'z', queueName: 'Support', customerName: 'Tara Test', customerData: [], offeredAt: '', expiresAt: '', transfer: { fromName: 'Sophie', note: '' }, transferId: 't1' };
    const offered = reducer(console2(), { type: 'offer', offer });
    expect(offered.offers).toHaveLength(1);
    const withdrawn = reducer(offered, { type: 'offerGone', chatId: 'z', transferId: 't1', withdrawn: true });
    expect(withdrawn.offers).toEqual([]);
    expect(withdrawn.notice).toBe('Sophie withdrew the transfer of Tara Test. The chat stays with Sophie.');
    const quiet = reducer(offered, { type: 'offerGone', chatId: 'z', transferId: 't1' });
    expect(quiet.offers).toEqual([]);
    expect(quiet.notice).toBeNull();
    // Another transfer id (or the chat's own offer) is left alone.
    expect(reducer(offered, { type: 'offerGone', chatId: 'z', transferId: 't2', withdrawn: true }).offers).toHaveLength(1);
  });

  it('ignores an offer that arrives after its own withdrawal (two nodes), and shows the chat offered again later', () => {
    const offer = (version: number) => ({ chatId: 'y', queueName: 'Support', customerName: 'Una', customerData: [], offeredAt: '', expiresAt: '', version });
    // Offered at version 3; the customer ended it (version 4) and the end's withdrawal came first, then
    // the earlier timeout's (version 2), then the offer: both late, from the other node.
    const ended = reducer(reducer(console2(), { type: 'offerGone', chatId: 'y', version: 4 }), { type: 'offerGone', chatId: 'y', version: 2 });
    expect(reducer(ended, { type: 'offer', offer: offer(3) }).offers).toEqual([]);
    // Timed out (version 4), then offered to us again (version 5): shown.
    const again = reducer(ended, { type: 'offer', offer: offer(5) });
    expect(again.offers.map((o) => o.chatId)).toEqual(['y']);
    // An offer without a version (an older server) is shown as before.
    const { version: _none, ...unversioned } = offer(1);
    expect(reducer(ended, { type: 'offer', offer: unversioned }).offers).toHaveLength(1);
  });

  it('keeps the note of the agent who transferred a chat to us', () => {
    const state = reducer(console2(), { type: 'chatOpened', chat: { ...view('c', [1, 2]), transfer: { fromName: 'Sophie', note: 'refund' } }, select: true });
    expect(chat(state, 'c').transferNote).toEqual({ fromName: 'Sophie', note: 'refund' });
  });
});

describe('whispers', () => {
  const whisper = (id: string, chatId: string, at: string): WhisperView => ({ id, chatId, authorName: 'Sue', body: `note ${id}`, afterSeq: 1, clientMsgId: id, at });

  it('keeps one per id, per chat, in the order written; the same object when nothing is new', () => {
    const a = whisper('a', 'c1', '2026-01-01T10:00:00.000Z');
    const b = whisper('b', 'c1', '2026-01-01T09:00:00.000Z');
    const c = whisper('c', 'c2', '2026-01-01T11:00:00.000Z');
    const once = withWhispers({}, [a, b, c]);
    expect(once.c1?.map((w) => w.id)).toEqual(['b', 'a']);
    expect(once.c2?.map((w) => w.id)).toEqual(['c']);
    expect(withWhispers(once, [a, c])).toBe(once);
  });
});
