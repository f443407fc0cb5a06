/**
 * A chat message's text with its http(s) addresses as links that open in a
 * new tab without giving it a handle on this page (noopener) or our address
 * (noreferrer). Everything is a text node: a message is never HTML.
 */
import { linkify } from '../../src/domain/linkify.js';

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, i) =>
        segment.kind === 'link' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow">
            {segment.text}
          </a>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
