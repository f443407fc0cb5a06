/** Small display helpers. */
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
 * The sentence for a system event, as the agent should read it. The server's
 * body wins, except for "queued", whose body is written to the customer
 * ("You are waiting…").
 */
export function systemText(event: ChatEventView, customerName: string): string {
  if (event.system === 'queued') return `${customerName} joined the queue`;
  if (event.body.trim()) return event.body;
  switch (event.system) {
    case 'agent_joined':
      return `${event.authorName} joined the chat`;
    case 'agent_left':
      return `${event.authorName} has left the chat`;
    case 'customer_left':
      return `${event.authorName} left the chat`;
    case 'ended':
      return 'Chat ended';
    default:
      return '';
  }
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts.at(-1)] : [parts[0]];
  return letters
    .map((p) => p?.[0] ?? '')
    .join('')
    .toUpperCase() || '?';
}
