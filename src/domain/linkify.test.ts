import { describe, expect, it } from 'vitest';
import { linkify } from './linkify.js';

describe('linkify', () => {
  it('leaves plain text alone, as one text segment', () => {
    expect(linkify('Hello <b>there</b> & bye')).toEqual([{ kind: 'text', text: 'Hello <b>there</b> & bye' }]);
    expect(linkify('')).toEqual([]);
  });

  it('makes http and https addresses links, without the sentence punctuation after them', () => {
    expect(linkify('See https://example.com/help?a=1&b=2. Thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/help?a=1&b=2', href: 'https://example.com/help?a=1&b=2' },
      { kind: 'text', text: '. Thanks' },
    ]);
    expect(linkify('(docs: http://x.example/a)')[1]).toEqual({ kind: 'link', text: 'http://x.example/a', href: 'http://x.example/a' });
    expect(linkify('wiki http://x.example/Foo_(bar) ok')[1]).toMatchObject({ text: 'http://x.example/Foo_(bar)' });
    expect(linkify('go to www.example.com now')[1]).toEqual({ kind: 'link', text: 'www.example.com', href: 'https://www.example.com/' });
  });

  it('never makes a link of another scheme', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd']) {
      expect(linkify(text).every((s) => s.kind === 'text')).toBe(true);
    }
    // Markup glued to an address stays outside it.
    const segments = linkify('https://ok.example/"onmouseover="alert(1)');
    expect(segments[0]).toEqual({ kind: 'link', text: 'https://ok.example/', href: 'https://ok.example/' });
  });

  it('keeps every character of the message, in order', () => {
    const message = 'a https://x.example b www.y.example, c http://z.example/p).';
    expect(linkify(message).map((s) => s.text).join('')).toBe(message);
  });
});
