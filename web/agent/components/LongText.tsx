/**
 * A customer's text that may be long (a left message can hold 20,000
 * characters): the first lines as a preview with "Show more", the whole text
 * once asked for, so a list of items stays a list.
 */
import { useState } from 'preact/hooks';
import { LONG_TEXT_WORDS as W } from '../longTextWords.js';

/** Up to this many characters are shown before "Show more"; a little more is not worth a button. */
export const PREVIEW_CHARS = 400;
const SLACK = 80;

export function previewOf(text: string): string | null {
  if (text.length <= PREVIEW_CHARS + SLACK) return null;
  // Cut at the last space inside the limit, so a word is not split in two.
  const cut = text.lastIndexOf(' ', PREVIEW_CHARS);
  return `${text.slice(0, cut > PREVIEW_CHARS / 2 ? cut : PREVIEW_CHARS).trimEnd()}…`;
}

export function LongText({ text, class: className, id }: { text: string; class: string; id: string }) {
  const [expanded, setExpanded] = useState(false);
  const preview = previewOf(text);
  if (!preview) return <p class={className}>{text}</p>;
  return (
    <div>
      <p class={className} id={id}>
        {expanded ? text : preview}
      </p>
      <button type="button" class="link-button long-text-toggle" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded(!expanded)}>
        {expanded ? W.showLess : W.showMore}
        {!expanded && <span class="rc-sr-only">{W.hiddenCount((text.length - preview.length + 1).toLocaleString('en-US'))}</span>}
      </button>
    </div>
  );
}
