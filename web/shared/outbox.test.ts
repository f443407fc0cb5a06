import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  delivered,
  failed,
  failureKind,
  fresh,
  pendingLabel,
  plan,
  reconnected,
  retried,
  SEND_WINDOW,
  type Delivery,
} from './outbox.js';

const mid = () => 0.5; // no jitter
const entries = (...ids: string[]): Delivery[] => ids.map((id) => fresh(id));
const none: ReadonlySet<string> = new Set();
const ids = (p: { send: Array<{ entry: Delivery; after: string | undefined }> }) => p.send.map((s) => `${s.entry.clientMsgId}<${s.after ?? '-'}`);

/**
 * A browser outbox driven by the rules against a server that stores like
 * src/app/messageSender.ts: once per clientMsgId, and a message naming an
 * `after` only once that one is stored (else out_of_order). `answer` decides
 * the fate of each attempt; answers are delivered in the order `deliver` picks.
 */
function simulate(typed: string[], answer: (id: string, attempt: number) => 'ok' | 'lost-ack' | 'rate_limited' | 'no-answer') {
  let box = entries(...typed);
  const inFlight = new Set<string>();
  const stored: string[] = [];
  const attempts = new Map<string, number>();
  const wire: Array<{ id: string; result: { ok: true } | { ok: false; error: { id: string | null; message: string } } }> = [];
  let now = 0;
  let maxInFlight = 0;
  const pump = () => {
    for (const { entry, after } of plan(box, inFlight, now).send) {
      const id = entry.clientMsgId;
      inFlight.add(id);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      // The server handles a connection's sends in arrival order (src/transport/realtime/inOrder.ts).
      const fate = answer(id, attempt);
      if (fate === 'rate_limited') wire.push({ id, result: { ok: false, error: { id: 'rate_limited', message: 'slow down' } } });
      else if (after !== undefined && !stored.includes(after) && !stored.includes(id)) {
        wire.push({ id, result: { ok: false, error: { id: 'out_of_order', message: 'later' } } });
      } else {
        if (!stored.includes(id)) stored.push(id);
        wire.push({ id, result: fate === 'ok' ? { ok: true } : { ok: false, error: { id: null, message: 'no answer' } } });
      }
    }
  };
  return {
    run(deliver: (pending: number) => number = () => 0) {
      pump();
      for (let guard = 0; guard < 10_000 && box.length; guard++) {
        if (!wire.length) {
          // Nothing on the wire: the clock moves on to the next retry.
          now += 60_000;
          pump();
          continue;
        }
        const [{ id, result }] = wire.splice(deliver(wire.length), 1) as [(typeof wire)[number]];
        inFlight.delete(id);
        box = result.ok ? delivered(box, [id]) : failed(box, id, result.error, now, mid);
        pump();
      }
      return { stored, attempts, maxInFlight, left: box };
    },
  };
}

describe('outbox order (pipelined)', () => {
  it('sends everything at once, oldest first, each naming the one before it', () => {
    expect(ids(plan(entries('a', 'b', 'c'), none, 0))).toEqual(['a<-', 'b<a', 'c<b']);
  });

  it('keeps at most a window on its way, and adds behind those already going', () => {
    const box = entries(...Array.from({ length: SEND_WINDOW + 3 }, (_, i) => `m${i}`));
    expect(plan(box, none, 0).send).toHaveLength(SEND_WINDOW);
    const going = new Set(['m0', 'm1']);
    const next = plan(entries('m0', 'm1', 'm2'), going, 0);
    expect(ids(next)).toEqual(['m2<m1']);
    expect(plan(box, new Set(box.slice(0, SEND_WINDOW).map((e) => e.clientMsgId)), 0).send).toEqual([]);
  });

  it('stores every message once and in the order typed, whatever order the answers come back in', () => {
    const typed = Array.from({ length: 20 }, (_, i) => `m${i}`);
    for (const deliver of [() => 0, (n: number) => n - 1, (n: number) => Math.floor(n / 2)]) {
      const result = simulate(typed, () => 'ok').run(deliver);
      expect(result.stored).toEqual(typed);
      expect(result.left).toEqual([]);
      expect(result.maxInFlight).toBe(SEND_WINDOW);
    }
  });

  it('a message refused for a while is not overtaken: those sent behind it go again after it, with the same ids', () => {
    const typed = ['a', 'b', 'c', 'd'];
    // b is rate limited twice; its followers were already on their way.
    const result = simulate(typed, (id, attempt) => (id === 'b' && attempt <= 2 ? 'rate_limited' : 'ok')).run();
    expect(result.stored).toEqual(typed);
    expect(result.attempts.get('b')).toBe(3);
    expect(result.attempts.get('c')).toBeGreaterThan(1);
    expect(result.left).toEqual([]);
  });

  it('a lost ack resends the same clientMsgId and stores no duplicate', () => {
    const typed = ['a', 'b', 'c'];
    const result = simulate(typed, (id, attempt) => (id === 'a' && attempt === 1 ? 'lost-ack' : 'ok')).run((n) => n - 1);
    expect(result.stored).toEqual(typed);
    expect(result.attempts.get('a')).toBe(2);
  });

  it('out_of_order costs no attempt and no back-off', () => {
    const box = failed(entries('a', 'b'), 'b', { id: 'out_of_order', message: 'later' }, 0, mid);
    expect(box[1]).toEqual(fresh('b'));
    expect(ids(plan(box, new Set(['a']), 0))).toEqual(['b<a']);
  });

  it('a temporarily failed message is not overtaken: the later one waits for its retry', () => {
    const box = failed(entries('a', 'b'), 'a', { id: 'rate_limited', message: 'too fast' }, 10_000, mid);
    expect(plan(box, none, 10_000)).toEqual({ send: [], waitMs: 1_000, held: null });
    expect(plan(box, none, 10_999).send).toEqual([]);
    expect(ids(plan(box, none, 11_000))).toEqual(['a<-', 'b<a']);
  });

  it('a permanently refused message holds the line until it is retried or removed', () => {
    const box = failed(entries('a', 'b'), 'a', { id: 'validation', message: 'Too long.' }, 0, mid);
    const step = plan(box, none, 1e12);
    expect(step.send).toEqual([]);
    expect(step.held?.held).toBe('Too long.');
    expect(pendingLabel(box, 0)).toBe('held');
    expect(pendingLabel(box, 1)).toBe('blocked');

    const retriedBox = retried(box, 'a');
    expect(ids(plan(retriedBox, none, 0))).toEqual(['a<-', 'b<a']);
    expect(pendingLabel(retriedBox, 1)).toBe('sending');

    expect(ids(plan(delivered(box, ['a']), none, 0))).toEqual(['b<-']);
  });

  it('an echo of a later message removes only that one', () => {
    const box = delivered(entries('a', 'b', 'c'), ['b']);
    expect(box.map((e) => e.clientMsgId)).toEqual(['a', 'c']);
  });
});

describe('back-off', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20, 1000].map((n) => backoffMs(n, mid))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('jitters within ±25 % and never above the cap', () => {
    expect(backoffMs(3, () => 0)).toBe(3_000);
    expect(backoffMs(3, () => 0.999999)).toBeCloseTo(5_000, -1);
    expect(backoffMs(10, () => 0.999999)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(10, () => 0)).toBe(22_500);
  });

  it('grows with each failure of the same message', () => {
    let box = entries('a');
    const waits: number[] = [];
    let now = 0;
    for (let i = 0; i < 4; i++) {
      box = failed(box, 'a', { id: null, message: 'no answer' }, now, mid);
      const step = plan(box, none, now);
      if (step.waitMs === null) throw new Error('expected a wait');
      waits.push(step.waitMs);
      now += step.waitMs;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('a reconnect sends whatever was backing off at once, in order, without touching a held one', () => {
    let backing = failed(entries('a', 'b', 'c'), 'a', { id: 'internal', message: 'oops' }, 0, mid);
    backing = failed(backing, 'c', { id: 'unavailable', message: 'busy' }, 0, mid);
    expect(ids(plan(reconnected(backing), none, 0))).toEqual(['a<-', 'b<a', 'c<b']);
    const held = failed(entries('a'), 'a', { id: 'chat_ended', message: 'ended' }, 0, mid);
    expect(plan(reconnected(held), none, 0).held?.clientMsgId).toBe('a');
  });

  it('a manual retry starts the back-off over', () => {
    let box = entries('a');
    for (let i = 0; i < 5; i++) box = failed(box, 'a', { id: 'internal', message: 'x' }, 0, mid);
    box = failed(retried(box, 'a'), 'a', { id: 'internal', message: 'x' }, 0, mid);
    expect(plan(box, none, 0).waitMs).toBe(1_000);
  });
});

describe('temporary or permanent', () => {
  it('retries what may succeed later, holds what the server refused for good', () => {
    for (const id of [null, 'rate_limited', 'internal', 'unavailable']) expect(failureKind(id)).toBe('temporary');
    for (const id of ['validation', 'chat_ended', 'forbidden', 'not_found', 'unauthorized', 'something_new']) {
      expect(failureKind(id)).toBe('permanent');
    }
  });
});
