import { describe, expect, it } from 'vitest';
import { inactivityTimes } from './inactivity.js';

describe('inactivity timeout', () => {
  it('is off at 0', () => {
    expect(inactivityTimes(0)).toBeNull();
    expect(inactivityTimes(-3)).toBeNull();
    expect(inactivityTimes(Number.NaN)).toBeNull();
  });

  it('warns one minute before closing', () => {
    expect(inactivityTimes(10)).toEqual({ warnAfterSeconds: 540, closeAfterSeconds: 600 });
    expect(inactivityTimes(2)).toEqual({ warnAfterSeconds: 60, closeAfterSeconds: 120 });
  });

  it('warns halfway through a one-minute timeout', () => {
    expect(inactivityTimes(1)).toEqual({ warnAfterSeconds: 30, closeAfterSeconds: 60 });
  });
});
