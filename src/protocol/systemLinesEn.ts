/** The system lines in English: what the agent console shows, and the base of the customer page's English catalog. */
import type { SystemLineCatalog } from './systemLines.js';

export const SYSTEM_LINES_EN: SystemLineCatalog = {
  queued: 'You are waiting for the next available agent.',
  queued_staff: '{name} joined the queue',
  agent_joined: '{name} has joined the chat',
  agent_left: '{name} has left the chat',
  agent_disconnected: '{name} was disconnected — we are connecting you to another agent',
  agent_removed: '{name} is no longer available — we are connecting you to another agent',
  customer_left: '{name} has left the chat',
  customer_gone: '{name} left the chat',
  you_left: 'You left the chat.',
  inactivity_warning: 'This chat will close in {duration} if there is no new message.',
  inactivity_closed: 'The chat was closed after {duration} without messages.',
  ended_by_admin: 'This chat was ended by an administrator',
  transferred: '{from} transferred you to {to}',
  ended: 'The chat has ended.',
  chat_closed: 'This chat was closed.',
  seconds: { one: '{count} second', other: '{count} seconds' },
  minutes: { one: '{count} minute', other: '{count} minutes' },
};
