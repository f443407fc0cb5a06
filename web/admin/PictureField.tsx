/** A person's profile picture: preview, upload (checked here for type and size, again by the server) and remove. */
import { useState } from 'preact/hooks';
import { PICTURE_MAX_BYTES, type PersonView } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { removePicture, uploadPicture } from './api.js';
import { FieldError } from './FieldError.js';

const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp'];
export const DEFAULT_AVATAR = '/static/default-avatar.svg';

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('Could not read the file.'));
    reader.readAsDataURL(file);
  });
}

export function PictureField({ person, onChanged }: { person: PersonView; onChanged: (p: PersonView) => void }) {
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function choose(file: File | undefined) {
    if (!file) return;
    setError(undefined);
    if (!ACCEPTED.includes(file.type)) return setError('Use a PNG, JPEG or WebP image.');
    if (file.size > PICTURE_MAX_BYTES) return setError('The picture is larger than 2 MB.');
    setBusy(true);
    try {
      const dataUrl = await readAsDataUrl(file);
      setPreview(dataUrl);
      onChanged(await uploadPicture(person.id, dataUrl.slice(dataUrl.indexOf(',') + 1)));
      setPreview(null);
    } catch (cause) {
      setPreview(null);
      setError(cause instanceof ApiError ? (cause.fields.picture ?? cause.fields.data ?? cause.message) : 'Could not upload the picture.');
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await removePicture(person.id));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Could not remove the picture.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="rc-field picture-field">
      <span class="rc-label">Profile picture</span>
      <div class="picture-row">
        <img class="avatar avatar-lg" src={preview ?? person.pictureUrl ?? DEFAULT_AVATAR} alt={`Picture of ${person.displayName}`} width={72} height={72} />
        <div class="picture-actions">
          <label class={`rc-btn rc-btn-secondary rc-btn-sm file-button${busy ? ' is-busy' : ''}`}>
            {busy ? 'Uploading…' : person.pictureUrl ? 'Change picture' : 'Upload picture'}
            <input
              type="file"
              class="rc-sr-only"
              accept={ACCEPTED.join(',')}
              disabled={busy}
              aria-describedby="picture-hint"
              onChange={(e) => {
                void choose(e.currentTarget.files?.[0]);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {person.pictureUrl && (
            <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" disabled={busy} onClick={() => void remove()}>
              Remove
            </button>
          )}
          <p class="rc-hint" id="picture-hint">
            PNG, JPEG or WebP, up to 2 MB; cropped to a square. Without one, customers see the default image.
          </p>
        </div>
      </div>
      <FieldError id="picture-error" message={error} />
    </div>
  );
}
