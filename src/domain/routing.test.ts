import { describe, expect, it } from 'vitest';
import { pickAgent } from './routing.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 9, minute));

describe('routing policy', () => {
  it('gives the chat to the agent idle longest among equally busy ones', () => {
    const chosen = pickAgent([
      { id: 'b', capacity: 2, openChats: 1, idleSince: at(10) },
      { id: 'a', capacity: 2, openChats: 1, idleSince: at(5) },
    ]);
    expect(chosen?.id).toBe('a');
  });

  it('prefers the least busy agent over the one idle longest', () => {
    const chosen = pickAgent([
      { id: 'a', capacity: 3, openChats: 2, idleSince: at(0) },
      { id: 'b', capacity: 3, openChats: 0, idleSince: at(30) },
    ]);
    expect(chosen?.id).toBe('b');
  });

  it('skips agents at capacity', () => {
    const chosen = pickAgent([
      { id: 'a', capacity: 1, openChats: 1, idleSince: at(0) },
      { id: 'b', capacity: 3, openChats: 2, idleSince: at(30) },
    ]);
    expect(chosen?.id).toBe('b');
  });

  it('returns null when nobody has a free seat', () => {
    expect(pickAgent([{ id: 'a', capacity: 1, openChats: 1, idleSince: at(0) }])).toBeNull();
    expect(pickAgent([])).toBeNull();
  });

  it('breaks ties by id so every node decides the same', () => {
    const chosen = pickAgent([
      { id: 'z', capacity: 1, openChats: 0, idleSince: at(1) },
      { id: 'm', capacity: 1, openChats: 0, idleSince: at(1) },
    ]);
    expect(chosen?.id).toBe('m');
  });
});
