import { describe, expect, it } from 'vitest';
import { inactivityClosedText, inactivityTimes, inactivityWarningText } from './inactivity.js';

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

  it('says when the chat will close and why it closed', () => {
    expect(inactivityWarningText(inactivityTimes(10)!)).toBe('This chat will close in 1 minute if there is no new message.');
    expect(inactivityWarningText(inactivityTimes(1)!)).toBe('This chat will close in 30 seconds if there is no new message.');
    expect(inactivityClosedText(10)).toBe('The chat was closed after 10 minutes without messages.');
    expect(inactivityClosedText(1)).toBe('The chat was closed after 1 minute without messages.');
  });
});
