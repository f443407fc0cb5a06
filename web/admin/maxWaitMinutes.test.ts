/** General Settings' wait limit is asked, checked and refused in minutes, and its stated limits are accepted. */
import { describe, expect, it } from 'vitest';
import { MAX_WAIT_MINUTES, maxWaitSecondsOf, minutesText } from './maxWaitMinutes.js';

describe('the "offline options after (minutes)" field', () => {
  it('accepts exactly the limits it states, in minutes', () => {
    expect(MAX_WAIT_MINUTES).toEqual({ min: 0.5, max: 1440 });
    expect(maxWaitSecondsOf('0.5')).toEqual({ seconds: 30 });
    expect(maxWaitSecondsOf('1440')).toEqual({ seconds: 86_400 });
    expect(maxWaitSecondsOf(' 0,75 ')).toEqual({ seconds: 45 });
  });

  it('refuses in minutes, never in seconds or hours alone', () => {
    expect(maxWaitSecondsOf('0.4')).toEqual({ error: 'At least 0.5 minutes (30 seconds).' });
    expect(maxWaitSecondsOf('1441')).toEqual({ error: 'At most 1,440 minutes (24 hours).' });
    expect(maxWaitSecondsOf('')).toEqual({ error: 'Enter a number of minutes, e.g. 5 or 0.5.' });
    expect(maxWaitSecondsOf('soon')).toEqual({ error: 'Enter a number of minutes, e.g. 5 or 0.5.' });
  });

  it('shows stored seconds as minutes that save back to the same seconds', () => {
    for (const seconds of [30, 45, 300, 301, 86_400]) {
      const shown = minutesText(seconds);
      const back = maxWaitSecondsOf(shown);
      expect('seconds' in back && Math.abs(back.seconds - seconds)).toBeLessThanOrEqual(1);
    }
    expect(minutesText(45)).toBe('0.75');
  });
});
