/**
 * The doors to fileUi.tsx, which is loaded with its words (enFiles.ts…) the first time a file is
 * shown or sent: the page's first load carries none of it, only the attach button's words (the
 * customer page's and the widget frame's JavaScript budget, docs/ARCHITECTURE.md).
 */
import { useState } from 'preact/hooks';
import type { AttachmentView } from '../../../src/protocol/attachments.js';
import type { PublicQueueView } from '../../../src/protocol/views.js';
import { intlLocale } from '../i18n/index.js';
import { words } from '../i18n/messages.js';
import { lazyModule } from '../lazyModule.js';
import type { ChatConnection } from '../socket.js';
import type * as FileUiModule from './fileUi.js';

// The code and its words travel together (the chunk fetches its words): words.fileUi is defined once the module is here.
const fileUi = lazyModule<typeof FileUiModule>(() => import('./fileUi.js').then(async (ui) => (await ui.prepareFileWords(), ui)));

export function LazyFile(props: { file: AttachmentView; token: string }) {
  const ui = fileUi.use();
  return ui ? <ui.FileBubble {...props} /> : <span class="file-thumb-empty" />;
}

/** The attach button's settings and the line above the composer ("Sending…", or why a file was refused). */
export function useFileSender(chat: ChatConnection, queue: PublicQueueView) {
  const t = words.files.get();
  const [sending, setSending] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const limits = queue.attachments;
  if (!limits?.enabled) return { status: null, attach: undefined };
  const max = new Intl.NumberFormat(intlLocale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(limits.maxBytes / 1048576);

  async function onFile(file: File) {
    setRefused(null);
    const ui = await fileUi.load().catch(() => null);
    if (!ui) return setRefused(t.failed);
    // Only now: "Sending…" is one of the chunk's words.
    setSending(file.name);
    const outcome = await ui.sendFile(chat.token, file, limits!.maxBytes).catch(() => ({ refused: t.failed }));
    setSending(null);
    if ('event' in outcome) chat.received(outcome.event);
    else setRefused(outcome.refused);
  }

  const status = (
    <>
      {sending && (
        <p class="file-status" role="status">
          {words.fileUi.get().sending({ name: sending })}
        </p>
      )}
      {refused && (
        <p class="file-status file-status--refused" role="alert">
          {refused}{' '}
          <button type="button" class="link" onClick={() => setRefused(null)}>
            {t.dismiss}
          </button>
        </p>
      )}
    </>
  );
  return { status, attach: { hint: t.attachHint({ max }), onFile } };
}
