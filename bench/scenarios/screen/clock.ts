/**
 * How far apart the two pages' clocks are (performance.timeOrigin + now in
 * each). Each page process converts the machine's monotonic clock to epoch
 * time on its own, so they may differ by a fraction of a millisecond. Read
 * A, B, A in a row; the round whose A-to-A time is shortest bounds the
 * offset best: B − (A1 + A2) / 2, within ± half that time.
 */
import type { Page } from '@playwright/test';

export interface ClockOffset {
  /** `other`'s clock minus `base`'s, in ms. */
  offsetMs: number;
  /** Half the shortest round: the offset is right within ± this. */
  uncertaintyMs: number;
}

const readClock = (page: Page) => page.evaluate('window.__benchScreen.now()') as Promise<number>;

export async function measureClockOffset(base: Page, other: Page, rounds = 15): Promise<ClockOffset> {
  let best: ClockOffset = { offsetMs: 0, uncertaintyMs: Infinity };
  for (let round = 0; round < rounds; round++) {
    const before = await readClock(base);
    const middle = await readClock(other);
    const after = await readClock(base);
    const uncertaintyMs = (after - before) / 2;
    if (uncertaintyMs < best.uncertaintyMs) best = { offsetMs: middle - (before + after) / 2, uncertaintyMs };
  }
  return best;
}
