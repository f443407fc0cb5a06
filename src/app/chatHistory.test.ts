import { describe, expect, it } from 'vitest';
import { excerptAround } from './chatHistory.js';

describe('excerptAround', () => {
  it('keeps a short message whole, on one line', () => {
    expect(excerptAround('Where is\nmy parcel?', 'parcel')).toBe('Where is my parcel?');
  });

  it('cuts a long message around the words found, marking the cuts', () => {
    const text = `${'a'.repeat(200)} the refund arrived ${'b'.repeat(200)}`;
    const excerpt = excerptAround(text, 'REFUND');
    expect(excerpt).toContain('refund');
    expect(excerpt.startsWith('…') && excerpt.endsWith('…')).toBe(true);
    expect(excerpt.length).toBeLessThanOrEqual(122);
  });

  it('starts at the beginning when the words are near it, and ends at the end when near it', () => {
    expect(excerptAround(`refund ${'x'.repeat(300)}`, 'refund').startsWith('refund')).toBe(true);
    expect(excerptAround(`${'x'.repeat(300)} refund`, 'refund').endsWith('refund')).toBe(true);
  });
});
