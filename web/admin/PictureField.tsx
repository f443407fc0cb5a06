/**
 * A person's profile picture, chosen in the dialog: a preview at once, checked here for type and
 * size (again by the server), and saved only with the rest of the dialog. Cancel leaves it as it was.
 */
import { useState } from 'preact/hooks';
import { PICTURE_MAX_BYTES } from '../../src/protocol/admin.js';
import { FieldError } from './FieldError.js';
import { personWords as w } from './personWords.js';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];
export const DEFAULT_AVATAR = '/static/default-avatar.svg';

/** What Save does with the picture. */
export type PictureChoice = { kind: 'keep' } | { kind: 'upload'; dataUrl: string } | { kind: 'remove' };

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error(w.pictureUnreadable));
    reader.readAsDataURL(file);
  });
}

/** PNG, JPEG or WebP by the file's first bytes (its name and declared type prove nothing; the server checks again). */
async function looksLikePicture(file: File): Promise<boolean> {
  const b = new Uint8Array(await file.slice(0, 12).arrayBuffer());
  const png = b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47;
  const jpeg = b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
  const webp = String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP';
  return png || jpeg || webp;
}

/** The base64 payload the server takes (the data URL without its header). */
export const pictureData = (dataUrl: string) => dataUrl.slice(dataUrl.indexOf(',') + 1);

interface Props {
  name: string;
  /** The saved picture, or null. */
  currentUrl: string | null;
  choice: PictureChoice;
  onChoice: (choice: PictureChoice) => void;
  /** The server's refusal of the last Save's picture. */
  serverError?: string | undefined;
}

export function PictureField({ name, currentUrl, choice, onChoice, serverError }: Props) {
  const [error, setError] = useState<string | undefined>();

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(undefined);
    if (!ACCEPTED.includes(file.type)) return setError(w.pictureWrongType);
    if (file.size > PICTURE_MAX_BYTES) return setError(w.pictureTooBig);
    try {
      if (!(await looksLikePicture(file))) return setError(w.pictureWrongType);
      onChoice({ kind: 'upload', dataUrl: await readAsDataUrl(file) });
    } catch {
      setError(w.pictureUnreadable);
    }
  }

  const shown = choice.kind === 'upload' ? choice.dataUrl : choice.kind === 'remove' ? DEFAULT_AVATAR : (currentUrl ?? DEFAULT_AVATAR);
  const hasPicture = choice.kind === 'upload' || (choice.kind === 'keep' && currentUrl !== null);
  const pending = choice.kind === 'upload' ? w.pictureWhenSaved : choice.kind === 'remove' ? w.pictureRemovedWhenSaved : null;
  return (
    <div class="rc-field picture-field">
      <span class="rc-label">{w.pictureLabel}</span>
      <div class="picture-row">
        <img class="avatar avatar-lg" src={shown} alt={w.pictureAlt(name)} width={72} height={72} />
        <div class="picture-actions">
          <label class="rc-btn rc-btn-secondary rc-btn-sm file-button">
            {hasPicture ? w.pictureChange : w.pictureUpload}
            <input
              type="file"
              class="rc-sr-only"
              accept={ACCEPTED.join(',')}
              aria-describedby="picture-hint picture-pending"
              onChange={(e) => {
                void choose(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {hasPicture && (
            <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => onChoice({ kind: 'remove' })}>
              {w.pictureRemove}
            </button>
          )}
          {choice.kind !== 'keep' && currentUrl && (
            <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => onChoice({ kind: 'keep' })}>
              {w.pictureUndo}
            </button>
          )}
          <p class="rc-hint" id="picture-hint">
            {w.pictureHint}
          </p>
          <p class="rc-hint picture-pending" id="picture-pending" role="status">
            {pending}
          </p>
        </div>
      </div>
      <FieldError id="picture-error" message={error ?? serverError} />
    </div>
  );
}
