/**
 * The customer page's file features, a chunk of their own loaded on first use (lazyFiles.tsx),
 * so that chats without files cost no bytes for them: a file in the thread — an image as a
 * thumbnail that opens full size in a dialog (Escape or Close shuts it), anything else (PDF) as a
 * download button with its name and size — and sending one, with the reason it was refused.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { type AttachmentView, isImage } from '../../../src/protocol/attachments.js';
import type { ChatEventView } from '../../../src/protocol/views.js';
import { fileBlobUrl, formatSize, uploadFile } from './fileTransfer.js';
import { intlLocale } from '../i18n/index.js';
import { words } from '../i18n/messages.js';

// The chunk's own words (lazyFiles.tsx waits for them before using the chunk).
export { prepareFileWords } from '../i18n/fileWords.js';

export function FileBubble({ file, token }: { file: AttachmentView; token: string }) {
  const t = words.fileUi.get();
  const [thumb, setThumb] = useState<string | null | undefined>(undefined);
  const [full, setFull] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const image = isImage(file.type);

  useEffect(() => {
    if (image) void fileBlobUrl(token, file.id, true).then(setThumb);
  }, [file.id]);

  async function open() {
    const url = await fileBlobUrl(token, file.id, false);
    if (!url) return setMissing(true);
    if (!image) {
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.click();
      return;
    }
    setFull(url);
    dialog.current?.showModal();
  }

  const size = formatSize(file.size, intlLocale);
  return (
    <div class="file">
      {image ? (
        <button type="button" class="file-thumb" aria-label={t.openImage({ name: file.name })} onClick={open}>
          {thumb ? <img src={thumb} alt="" /> : <span class="file-thumb-empty" />}
        </button>
      ) : (
        <button type="button" class="file-link" aria-label={t.download({ name: file.name })} onClick={open}>
          <span class="file-icon" aria-hidden="true">PDF</span>
          <span class="file-name">{file.name}</span>
          <span class="file-size">{size}</span>
        </button>
      )}
      {missing && <span class="file-missing">{t.unavailable}</span>}
      {image && (
        <dialog ref={dialog} class="lightbox" aria-label={file.name} onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
          {full && <img src={full} alt={file.name} />}
          <button type="button" class="btn btn-primary" onClick={() => dialog.current?.close()}>
            {t.close}
          </button>
        </dialog>
      )}
    </div>
  );
}

let uploads = 0;

/** Checks what the page can (empty, over the limit) without uploading, then uploads: the stored event, or why not. */
export async function sendFile(token: string, file: File, maxBytes: number): Promise<{ event: ChatEventView } | { refused: string }> {
  const t = words.fileUi.get();
  const max = formatSize(maxBytes, intlLocale);
  const outcome =
    file.size === 0
      ? ({ ok: false, reason: 'empty' } as const)
      : file.size > maxBytes
        ? ({ ok: false, reason: 'too_big' } as const)
        : await uploadFile(token, file, `file-${Date.now().toString(36)}-${++uploads}`);
  if (outcome.ok) return { event: outcome.event };
  const reasons: Record<string, string> = {
    off: t.refusedOff,
    empty: t.refusedEmpty,
    too_big: t.refusedTooBig({ max }),
    wrong_type: t.refusedType,
    markup: t.refusedMarkup,
    unreadable: t.refusedUnreadable,
    rate_limited: t.refusedMany,
  };
  return { refused: t.notSent({ name: file.name, reason: reasons[outcome.reason] ?? words.files.get().failed }) };
}
