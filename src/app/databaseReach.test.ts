import { describe, expect, it } from 'vitest';
import { DatabaseReach } from './databaseReach.js';

describe('DatabaseReach (when the sweeper may expire presence)', () => {
  it('counts uninterrupted reach from the first success, and from zero again after a failure', () => {
    let now = 1_000;
    const reach = new DatabaseReach(() => now);
    expect(reach.reachableForMs()).toBe(0);
    expect(reach.succeeded()).toBe(false);
    now += 31_000;
    expect(reach.succeeded()).toBe(false);
    expect(reach.reachableForMs()).toBe(31_000);

    // A 45 s outage: no reach while it lasts, whatever the clock says.
    reach.failed();
    now += 45_000;
    expect(reach.reachableForMs()).toBe(0);
    reach.failed();

    // The first success after it says "recovered" (the node renews presence at once) and restarts the count.
    expect(reach.succeeded()).toBe(true);
    expect(reach.succeeded()).toBe(false);
    now += 29_000;
    expect(reach.reachableForMs()).toBe(29_000);
    now += 2_000;
    expect(reach.reachableForMs()).toBe(31_000);
  });
});
