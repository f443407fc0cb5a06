/**
 * A file in a chat, as staff see it (the session cookie authorises the plain URLs): an image as
 * a thumbnail that opens full size in a new tab, a PDF as a download link with its name and size.
 * The server serves both sandboxed and never as a page (src/transport/http/attachmentRoutes.ts).
 */
import { useRef } from 'preact/hooks';
import { type AttachmentView, attachmentUrl, isImage } from '../../../src/protocol/attachments.js';
import { FILE_WORDS } from '../fileWords.js';

export function FileView({ file }: { file: AttachmentView }) {
  if (isImage(file.type)) {
    return (
      <a class="file-thumb" href={attachmentUrl(file.id)} target="_blank" rel="noopener noreferrer" aria-label={FILE_WORDS.openImage(file.name)}>
        <img src={attachmentUrl(file.id, true)} alt="" loading="lazy" />
      </a>
    );
  }
  const size = FILE_WORDS.size(file.size);
  return (
    <a class="file-link" href={attachmentUrl(file.id)} download={file.name} aria-label={FILE_WORDS.download(file.name, size)}>
      <span class="file-icon" aria-hidden="true">
        {FILE_WORDS.pdfIcon}
      </span>
      <span class="file-name">{file.name}</span>
      <span class="file-size">{size}</span>
    </a>
  );
}

/** The attach button (a real button that opens the hidden picker: reachable by Tab). */
export function AttachButton({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm attach-btn" disabled={disabled} title={FILE_WORDS.attachHint} onClick={() => picker.current?.click()}>
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5 12.5 20a5 5 0 0 1-7-7L14 4.5a3.5 3.5 0 0 1 5 5L10.5 18a2 2 0 0 1-3-3L15 7.5" />
        </svg>
        <span class="attach-text">{FILE_WORDS.attach}</span>
      </button>
      <input
        ref={picker}
        type="file"
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
        class="rc-sr-only"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
