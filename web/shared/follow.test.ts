import { describe, expect, it } from 'vitest';
import { followsAfterScroll } from './follow.js';

const STICKY = 80;

describe('followsAfterScroll', () => {
  it('keeps following when the event of its own scroll to the bottom comes after a tall row went in', () => {
    // Scrolled to 1000 (the bottom then); a 150 px message went in before the scroll event.
    expect(followsAfterScroll(true, 1000, { scrollTop: 1000, scrollHeight: 1750, clientHeight: 600 }, STICKY)).toBe(true);
  });

  it('keeps following when rows that came into view grew after the scroll (content-visibility)', () => {
    expect(followsAfterScroll(true, 2400, { scrollTop: 2400, scrollHeight: 3200, clientHeight: 600 }, STICKY)).toBe(true);
  });

  it('stops following when the reader scrolls up past the sticky distance', () => {
    expect(followsAfterScroll(true, 1000, { scrollTop: 700, scrollHeight: 1600, clientHeight: 600 }, STICKY)).toBe(false);
  });

  it('a small scroll up near the bottom still follows', () => {
    expect(followsAfterScroll(true, 1000, { scrollTop: 950, scrollHeight: 1600, clientHeight: 600 }, STICKY)).toBe(true);
  });

  it('a reader who scrolled up follows again only back near the bottom', () => {
    expect(followsAfterScroll(false, 300, { scrollTop: 500, scrollHeight: 1600, clientHeight: 600 }, STICKY)).toBe(false);
    expect(followsAfterScroll(false, 500, { scrollTop: 940, scrollHeight: 1600, clientHeight: 600 }, STICKY)).toBe(true);
  });
});
