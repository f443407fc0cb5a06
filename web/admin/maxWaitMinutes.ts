/**
 * General Settings asks "Offer the offline options after (minutes)" while the
 * queue stores seconds. Checked here in minutes, with limits in minutes, so the
 * admin never reads a refusal in seconds or hours for a field they fill in
 * minutes; the server checks the seconds again (src/domain/queueConfig.ts).
 */
import { MAX_WAIT_SECONDS } from '../../src/domain/queueConfig.js';
import { MAX_WAIT_WORDS as W } from './maxWaitWords.js';

export const MAX_WAIT_MINUTES = { min: MAX_WAIT_SECONDS.min / 60, max: MAX_WAIT_SECONDS.max / 60 } as const;

/** The minutes as the form shows them: whole seconds, at most two decimals (0.5, 1.25, 5). */
export const minutesText = (seconds: number): string => String(Math.round((seconds / 60) * 100) / 100);

/** Seconds for the server, or the refusal in minutes. */
export function maxWaitSecondsOf(text: string): { seconds: number } | { error: string } {
  const trimmed = text.trim().replace(',', '.');
  const minutes = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(minutes)) return { error: W.notANumber };
  if (minutes < MAX_WAIT_MINUTES.min) return { error: W.tooShort };
  if (minutes > MAX_WAIT_MINUTES.max) return { error: W.tooLong };
  return { seconds: Math.round(minutes * 60) };
}
