/** Small display helpers. */
import { renderSystemLine } from '../../src/protocol/systemLines.js';
import { SYSTEM_LINES_EN } from '../../src/protocol/systemLinesEn.js';
import type { ChatEventView } from '../../src/protocol/views.js';

/** 24-hour HH:MM in the agent's time zone. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/** e.g. "12 Mar, 14:05" for lists that span days. */
export function dateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const day = date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
  return `${day}, ${clockTime(iso)}`;
}

/**
 * The sentence for a system event, as the agent reads it: the shared renderer
 * with the English catalog ("queued" reads as "<customer> joined the queue").
 */
export function systemText(event: ChatEventView, customerName: string): string {
  return renderSystemLine(event, { reader: 'staff', locale: 'en', catalog: SYSTEM_LINES_EN, customerName });
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]];
  return letters
    .map((p) => p?.[0] ?? '')
    .join('')
    .toUpperCase() || '?';
}
