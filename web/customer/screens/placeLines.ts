/** The place in line and the estimated wait, in the reader's language. */
import type { ChatStateView } from '../../../src/protocol/views.js';
import type { Words } from '../i18n/messages.js';

type WaitingWords = ReturnType<Words['waiting']['get']>;

export function positionText(t: WaitingWords, position: number): string {
  return position <= 1 ? t.next : t.position({ position });
}

export function estimatedWaitText(t: WaitingWords, seconds: number): string {
  return seconds < 60 ? t.waitUnderMinute : t.waitMinutes(Math.ceil(seconds / 60));
}

/** The place (offered: next) and, when the queue shows it, the estimate (or that nobody is available to serve the line). */
export function placeLines(t: WaitingWords, state: ChatStateView | null, showEstimatedWait: boolean): string[] {
  if (!state) return [];
  const lines: string[] = [];
  // Offered to an agent: no longer "in line" but not talking yet; they are next.
  if (state.position !== null) lines.push(positionText(t, state.position));
  else if (state.status === 'offered') lines.push(positionText(t, 1));
  // Nobody Available to serve the line: said plainly, never a number.
  if (state.nobodyAvailable) lines.push(t.nobodyAvailable);
  else if (showEstimatedWait && state.estimatedWaitSeconds !== null) lines.push(estimatedWaitText(t, state.estimatedWaitSeconds));
  return lines;
}
