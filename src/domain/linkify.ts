/**
 * Splits a chat message into text and links, for both chat windows. Only
 * http(s) addresses become links (never javascript:, data: or others); the
 * browsers render every segment as text, so nothing in a message is ever HTML.
 */
export type Segment = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const CANDIDATE = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
/** Punctuation that ends a sentence rather than the address: "see https://x.example/a." */
const TRAILING = /[.,;:!?'*_~]+$/;

function trimAddress(raw: string): string {
  let text = raw.replace(TRAILING, '');
  // A closing bracket belongs to the address only when the address opened one: "(see https://x.example)".
  while (/[)\]]$/.test(text) && count(text, text.endsWith(')') ? '(' : '[') < count(text, text.slice(-1))) {
    text = text.slice(0, -1).replace(TRAILING, '');
  }
  return text;
}

const count = (text: string, char: string) => text.split(char).length - 1;

function safeHref(text: string): string | null {
  try {
    const url = new URL(/^www\./i.test(text) ? `https://${text}` : text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function linkify(message: string): Segment[] {
  const segments: Segment[] = [];
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const previous = segments[segments.length - 1];
    if (previous?.kind === 'text') previous.text += text;
    else segments.push({ kind: 'text', text });
  };
  for (const match of message.matchAll(CANDIDATE)) {
    const text = trimAddress(match[0]);
    const href = safeHref(text);
    if (!href) continue;
    push(message.slice(last, match.index));
    segments.push({ kind: 'link', text, href });
    last = match.index + text.length;
  }
  push(message.slice(last));
  return segments;
}
