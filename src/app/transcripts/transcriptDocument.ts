/**
 * A chat's transcript as a plain-text or a small self-contained HTML document. Pure: the caller loads
 * the chat and chooses the reader (a customer in their language, or staff in English) and time zone.
 * HTML escapes every value (customer and agent text is untrusted) and carries no script or remote
 * resource, so a downloaded file opens safely from disk.
 */
import type { TranscriptFormat } from '../../protocol/afterChat.js';
import { type RenderOptions, renderSystemLine } from '../../protocol/systemLines.js';
import type { ChatEventView } from '../../protocol/views.js';

export interface TranscriptHead {
  title: string;
  /** Label → value lines under the title (queue, customer, agents, start, end). */
  facts: [string, string][];
}

export interface TranscriptInput {
  head: TranscriptHead;
  events: ChatEventView[];
  render: RenderOptions;
  /** BCP 47 tag and IANA zone for the times. */
  locale: string;
  timeZone: string;
  /** The document's language (html lang). */
  lang: string;
}

export function formatTime(iso: string | Date, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

interface Line {
  time: string;
  who: string | null;
  text: string;
}

function linesOf(input: TranscriptInput): Line[] {
  const clock = new Intl.DateTimeFormat(input.locale, { hour: '2-digit', minute: '2-digit', timeZone: input.timeZone });
  return input.events.map((e) => ({
    time: clock.format(new Date(e.at)),
    who: e.kind === 'message' ? e.authorName : null,
    text: e.kind === 'message' ? e.body : renderSystemLine(e, input.render),
  }));
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function transcriptText(input: TranscriptInput): string {
  const head = [input.head.title, ...input.head.facts.map(([label, value]) => `${label}: ${value}`)];
  const body = linesOf(input).map((l) => (l.who === null ? `[${l.time}] — ${l.text}` : `[${l.time}] ${l.who}: ${l.text}`));
  return [...head, '', ...body, ''].join('\n');
}

export function transcriptHtml(input: TranscriptInput): string {
  const facts = input.head.facts.map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`).join('');
  const rows = linesOf(input)
    .map((l) =>
      l.who === null
        ? `<li class="system"><time>${escapeHtml(l.time)}</time> <span>${escapeHtml(l.text)}</span></li>`
        : `<li><time>${escapeHtml(l.time)}</time> <strong>${escapeHtml(l.who)}</strong> <span>${escapeHtml(l.text)}</span></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(input.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.head.title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; color: #1f2937; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; color: #374151; }
dt { font-weight: 600; }
dd { margin: 0; }
ol { list-style: none; padding: 0; }
li { padding: .35rem 0; border-bottom: 1px solid #e5e7eb; white-space: pre-wrap; }
li.system { color: #4b5563; font-style: italic; }
time { color: #4b5563; font-variant-numeric: tabular-nums; margin-right: .5rem; }
</style>
</head>
<body>
<h1>${escapeHtml(input.head.title)}</h1>
<dl>${facts}</dl>
<ol>
${rows}
</ol>
</body>
</html>
`;
}

export function transcriptDocument(format: TranscriptFormat, input: TranscriptInput): { body: string; contentType: string; extension: string } {
  return format === 'html'
    ? { body: transcriptHtml(input), contentType: 'text/html; charset=utf-8', extension: 'html' }
    : { body: transcriptText(input), contentType: 'text/plain; charset=utf-8', extension: 'txt' };
}

