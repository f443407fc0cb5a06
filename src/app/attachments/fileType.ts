/**
 * What a file really is, read from its first bytes (never its name or the type the browser
 * declared), as the profile pictures are (../admin/pictureUploader.ts, whose PNG/JPEG/WebP test
 * this reuses): PNG, JPEG, GIF, WebP or PDF. Markup (SVG, HTML) is named as such so that a file
 * dressed up as an image is refused with a reason the sender can act on.
 */
import { pictureType } from '../admin/pictureUploader.js';
import type { AttachmentType } from '../../protocol/attachments.js';

export function sniffAttachmentType(bytes: Uint8Array): AttachmentType | null {
  const picture = pictureType(bytes);
  if (picture) return picture;
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'image/gif';
  if (head.startsWith('%PDF-')) return 'application/pdf';
  return null;
}

/** Starts like SVG, HTML or XML (after a byte-order mark and white space): a document that can carry script. */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.subarray(0, 512)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return text.startsWith('<');
}

const EXTENSIONS: Record<AttachmentType, string[]> = {
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/gif': ['gif'],
  'image/webp': ['webp'],
  'application/pdf': ['pdf'],
};

/**
 * A name safe to show and to offer as a download: no folders, no control characters, at most
 * `max` characters, and an extension that matches the content (a PNG named "x.html" is saved as
 * "x.html.png", so a downloaded file never opens as something it is not).
 */
export function safeFileName(raw: string, type: AttachmentType, max: number): string {
  const base = (raw.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    // Control characters (a name is one line), and what file systems or headers choke on.
    .replace(/\p{Cc}|["<>|*?:]/gu, '')
    .trim()
    .replace(/^\.+/, '');
  const extensions = EXTENSIONS[type];
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const stem = extensions.includes(ext) ? base.slice(0, dot) : base;
  const suffix = `.${extensions.includes(ext) ? ext : extensions[0]}`;
  return `${(stem || 'file').slice(0, max - suffix.length)}${suffix}`;
}
