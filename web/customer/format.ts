/**
 * Wording and number/time formatting shown to the customer, kept pure so the
 * exact phrases (which the journey spells out) live in one place.
 */
import type { ChatEventView } from '../../src/protocol/views.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** HH:MM in the browser's local time zone (24-hour, unambiguous in every locale). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A readable local date and time, e.g. "Monday, 3 March, 09:00". */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function positionText(position: number): string {
  return position <= 1 ? 'You are next in line.' : `You are number ${position} in line.`;
}

export function estimatedWaitText(seconds: number): string {
  if (seconds < 60) return 'Estimated wait time: less than a minute';
  const minutes = Math.ceil(seconds / 60);
  return `Estimated wait time: about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** What a system event says in the customer's thread; the server's text wins when present. */
export function systemText(event: ChatEventView): string {
  if (event.system === 'customer_left') return 'You left the chat.';
  if (event.body.trim() !== '') return event.body;
  const name = event.authorName || 'The agent';
  switch (event.system) {
    case 'agent_joined':
      return `${name} has joined the chat`;
    case 'agent_left':
      return `${name} has left the chat`;
    case 'queued':
      return 'Waiting for the next available agent.';
    default:
      return 'This chat has ended.';
  }
}

/** "America/New_York" reads better as "America/New York". */
export function timeZoneLabel(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}

/** A calendar date of the queue's own zone ("2026-12-25") as "Fri 25 Dec", never shifted by the viewer's zone. */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
