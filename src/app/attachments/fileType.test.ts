import { describe, expect, it } from 'vitest';
import { looksLikeMarkup, safeFileName, sniffAttachmentType } from './fileType.js';

describe('sniffAttachmentType', () => {
  it('reads the type from the first bytes, whatever the name', () => {
    expect(sniffAttachmentType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBe('image/gif');
    expect(sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffAttachmentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffAttachmentType(Buffer.from('PK\x03\x04zip'))).toBeNull();
  });

  it('names markup, even behind a byte-order mark and white space', () => {
    expect(looksLikeMarkup(Buffer.from('\uFEFF\n  <html>'))).toBe(true);
    expect(looksLikeMarkup(Buffer.from('hello <b>'))).toBe(false);
  });
});

describe('safeFileName', () => {
  it('keeps a name whose extension fits the content (in lower case)', () => {
    expect(safeFileName('Holiday photo.JPG', 'image/jpeg', 120)).toBe('Holiday photo.jpg');
  });
  it('adds the right extension to a name that claims another type', () => {
    expect(safeFileName('invoice.html', 'application/pdf', 120)).toBe('invoice.html.pdf');
    expect(safeFileName('', 'image/png', 120)).toBe('file.png');
  });
  it('drops folders, control characters and leading dots, and cuts long names keeping the extension', () => {
    expect(safeFileName('../../etc/.pass\u0000wd\r\n.gif', 'image/gif', 120)).toBe('passwd.gif');
    expect(safeFileName(`${'a'.repeat(300)}.pdf`, 'application/pdf', 20)).toBe(`${'a'.repeat(16)}.pdf`);
  });
});
