/**
 * Files in the chat, on the customer's side (loaded with fileUi.tsx, only once a file is sent or shown). The chat token authorises them (a header: the page
 * has no cookie), so images and downloads are fetched here and shown from blob: URLs, each file
 * once per page. Uploads send the raw file; the server decides its type by its content.
 */
import { type AttachmentRefusal, attachmentUrl, CHAT_TOKEN_HEADER } from '../../../src/protocol/attachments.js';
import type { ChatEventView } from '../../../src/protocol/views.js';

export type UploadOutcome = { ok: true; event: ChatEventView } | { ok: false; reason: AttachmentRefusal | 'rate_limited' | 'failed' };

export async function uploadFile(token: string, file: File, clientMsgId: string): Promise<UploadOutcome> {
  try {
    const response = await fetch(`/api/public/chat/attachments?name=${encodeURIComponent(file.name)}&clientMsgId=${encodeURIComponent(clientMsgId)}`, {
      method: 'POST',
      headers: { [CHAT_TOKEN_HEADER]: token, 'content-type': 'application/octet-stream' },
      body: file,
    });
    const data = (await response.json().catch(() => null)) as { event?: ChatEventView; error?: { fields?: { fileReason?: AttachmentRefusal } } } | null;
    if (response.ok && data?.event) return { ok: true, event: data.event };
    if (response.status === 429) return { ok: false, reason: 'rate_limited' };
    return { ok: false, reason: data?.error?.fields?.fileReason ?? 'failed' };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}

const blobs = new Map<string, Promise<string | null>>();

/** A blob: URL of the file or its thumbnail; null when it cannot be had (erased, offline). */
export function fileBlobUrl(token: string, id: string, thumb: boolean): Promise<string | null> {
  const key = `${id}:${thumb}`;
  let url = blobs.get(key);
  if (!url) {
    url = fetch(attachmentUrl(id, thumb), { headers: { [CHAT_TOKEN_HEADER]: token } })
      .then(async (r) => (r.ok ? URL.createObjectURL(await r.blob()) : null))
      .catch(() => null);
    // A failure is not kept: the next look tries again.
    void url.then((u) => u ?? blobs.delete(key));
    blobs.set(key, url);
  }
  return url;
}

/** "340 KB", "1.2 MB" in the reader's locale. */
export function formatSize(bytes: number, locale: string): string {
  const mega = bytes >= 1024 * 1024;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: mega ? 1 : 0 }).format(
    Math.max(mega ? bytes / (1024 * 1024) : bytes / 1024, mega ? 0 : 1),
  );
}
