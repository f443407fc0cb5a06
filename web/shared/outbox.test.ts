import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffMs,
  delivered,
  failed,
  failureKind,
  fresh,
  nextStep,
  pendingLabel,
  reconnected,
  retried,
  type Delivery,
} from './outbox.js';

const mid = () => 0.5; // no jitter
const entries = (...ids: string[]): Delivery[] => ids.map((id) => fresh(id));

describe('outbox order', () => {
  it('sends only the oldest entry, and the next one only after the first is delivered', () => {
    let box = entries('a', 'b', 'c');
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const step = nextStep(box, 0);
      expect(step.kind).toBe('send');
      if (step.kind !== 'send') return;
      sent.push(step.entry.clientMsgId);
      box = delivered(box, [step.entry.clientMsgId]);
    }
    expect(sent).toEqual(['a', 'b', 'c']);
    expect(nextStep(box, 0)).toEqual({ kind: 'idle' });
  });

  it('a temporarily failed message is not overtaken: the later one waits for its retry', () => {
    let box = entries('a', 'b');
    box = failed(box, 'a', { id: 'rate_limited', message: 'too fast' }, 10_000, mid);
    expect(nextStep(box, 10_000)).toEqual({ kind: 'wait', ms: 1_000 });
    expect(nextStep(box, 10_999).kind).toBe('wait');
    const step = nextStep(box, 11_000);
    expect(step.kind === 'send' && step.entry.clientMsgId).toBe('a');
  });

  it('a permanently refused message holds the line until it is retried or removed', () => {
    let box = entries('a', 'b');
    box = failed(box, 'a', { id: 'validation', message: 'Too long.' }, 0, mid);
    const step = nextStep(box, 1e12);
    expect(step.kind).toBe('held');
    expect(step.kind === 'held' && step.entry.held).toBe('Too long.');
    expect(pendingLabel(box, 0)).toBe('held');
    expect(pendingLabel(box, 1)).toBe('blocked');

    const retriedBox = retried(box, 'a');
    const again = nextStep(retriedBox, 0);
    expect(again.kind === 'send' && again.entry.clientMsgId).toBe('a');
    expect(pendingLabel(retriedBox, 1)).toBe('sending');

    const removed = delivered(box, ['a']);
    const next = nextStep(removed, 0);
    expect(next.kind === 'send' && next.entry.clientMsgId).toBe('b');
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
      const step = nextStep(box, now);
      if (step.kind !== 'wait') throw new Error(`expected wait, got ${step.kind}`);
      waits.push(step.ms);
      now += step.ms;
    }
    expect(waits).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('a reconnect sends the backing-off head at once, without touching a held one', () => {
    const backing = failed(entries('a', 'b'), 'a', { id: 'internal', message: 'oops' }, 0, mid);
    expect(nextStep(reconnected(backing), 0).kind).toBe('send');
    const held = failed(entries('a'), 'a', { id: 'chat_ended', message: 'ended' }, 0, mid);
    expect(nextStep(reconnected(held), 0).kind).toBe('held');
  });

  it('a manual retry starts the back-off over', () => {
    let box = entries('a');
    for (let i = 0; i < 5; i++) box = failed(box, 'a', { id: 'internal', message: 'x' }, 0, mid);
    box = failed(retried(box, 'a'), 'a', { id: 'internal', message: 'x' }, 0, mid);
    expect(nextStep(box, 0)).toEqual({ kind: 'wait', ms: 1_000 });
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
