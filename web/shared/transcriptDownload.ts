/**
 * Staff download of an ended chat's transcript (GET /api/agent/history/:chatId/transcript, session
 * cookie): fetched, then saved through a temporary link, in the reader's time zone.
 */
import type { TranscriptFormat } from '../../src/protocol/afterChat.js';
import { ApiError } from './http.js';
import { TRANSCRIPT_WORDS } from './transcriptWords.js';

export async function downloadStaffTranscript(chatId: string, format: TranscriptFormat): Promise<void> {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const response = await fetch(`/api/agent/history/${encodeURIComponent(chatId)}/transcript?format=${format}&timeZone=${encodeURIComponent(zone)}`, { credentials: 'same-origin' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { id: 'internal'; message: string } } | null;
    throw new ApiError(response.status, body?.error ?? { id: 'internal', message: TRANSCRIPT_WORDS.downloadStatus(response.status) });
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `chat.${format === 'html' ? 'html' : 'txt'}`;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
