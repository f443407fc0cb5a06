/**
 * Canned replies in the composer: which ones match what follows "/" at the start of the text, and
 * the text inserted (simple placeholders filled in; the agent edits it before sending).
 */
import type { CannedReplyView } from '../../src/protocol/staffNotes.js';

/** The shortcut being typed: the text is "/" and a word, nothing else yet (else null: no list). */
export function typedShortcut(text: string): string | null {
  const match = /^\/([^\s/]*)$/.exec(text);
  return match ? match[1]!.toLowerCase() : null;
}

/** Replies for this chat's queue whose shortcut starts with the typed word, then those that contain it. */
export function matchingReplies(replies: readonly CannedReplyView[], typed: string, queueName: string, max = 8): CannedReplyView[] {
  const usable = replies.filter((r) => r.queueNames.length === 0 || r.queueNames.includes(queueName));
  const starts = usable.filter((r) => r.shortcut.startsWith(typed));
  const contains = usable.filter((r) => !r.shortcut.startsWith(typed) && (r.shortcut.includes(typed) || r.body.toLowerCase().includes(typed)));
  return [...starts, ...contains].slice(0, max);
}

export interface PlaceholderValues {
  customerName: string;
  agentName: string;
}

/** {customerName}, {customerFirstName} and {agentName} filled in; any other {word} is left for the agent to edit. */
export function fillPlaceholders(body: string, values: PlaceholderValues): string {
  const firstName = values.customerName.trim().split(/\s+/)[0] ?? values.customerName;
  const known: Record<string, string> = { customername: values.customerName, customerfirstname: firstName, agentname: values.agentName };
  return body.replace(/\{\s*(\w+)\s*\}/g, (whole, name: string) => known[name.toLowerCase()] ?? whole);
}
