import { describe, expect, it } from 'vitest';
import { CHAT_STATUSES, CHAT_TRANSITIONS, type ChatTransition, canTransition, fromStatusSql, OPEN_STATUSES, passedOn, targetOf } from './chatStates.js';

const transitions = Object.keys(CHAT_TRANSITIONS) as ChatTransition[];

describe('chat states', () => {
  it('allows exactly these moves', () => {
    const allowed = CHAT_STATUSES.flatMap((from) => transitions.filter((t) => canTransition(t, from)).map((t) => `${from} -${t}-> ${targetOf(t)}`));
    expect(allowed.sort()).toEqual(
      [
        'queued -offer-> offered',
        'queued -end-> ended',
        'offered -accept-> active',
        'offered -decline-> queued',
        'offered -offer_timeout-> queued',
        'offered -offer_unseen-> queued',
        'offered -agent_away-> queued',
        'offered -agent_gone-> queued',
        'offered -deactivated-> queued',
        'offered -end-> ended',
        'active -agent_gone-> queued',
        'active -deactivated-> queued',
        'active -end-> ended',
        'active -transfer_to_queue-> queued',
      ].sort(),
    );
  });

  it('never leaves ended, and every state but ended can end', () => {
    for (const t of transitions) expect(canTransition(t, 'ended'), t).toBe(false);
    expect([...OPEN_STATUSES].sort()).toEqual(['active', 'offered', 'queued']);
  });

  it('marks only declines, timeouts and transfers to a queue as passed (the router tries other agents first)', () => {
    expect(transitions.filter(passedOn).sort()).toEqual(['decline', 'offer_timeout', 'transfer_to_queue']);
  });

  it('writes the SQL guard of a transition from the table', () => {
    expect(fromStatusSql('agent_gone', 'c.status')).toBe("c.status IN ('offered', 'active')");
    expect(fromStatusSql('accept')).toBe("status IN ('offered')");
    expect(() => fromStatusSql('end', "status) OR (1=1")).toThrow();
  });
});
