/**
 * pictureUploader: a person's profile picture. The file's type is read from
 * its first bytes (never its name): PNG, JPEG or WebP, at most 2 MB. It is
 * cropped to a 256×256 WebP avatar with sharp, which also drops any metadata.
 */
import sharp from 'sharp';
import { PICTURE_MAX_BYTES } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { recordAudit } from './auditLog.js';
import { lockPerson } from './people.js';
import { retellPictures } from '../agentPictures.js';

export const AVATAR_SIZE = 256;

export type PictureType = 'image/png' | 'image/jpeg' | 'image/webp';

/** The image type by magic bytes, or null when it is none of the accepted ones. */
export function pictureType(bytes: Uint8Array): PictureType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length > 8 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG' && bytes[4] === 0x0d && bytes[5] === 0x0a) return 'image/png';
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const refuse = (message: string) => new AppError('validation', message, { picture: message });

/** A square avatar from an accepted image; refuses anything else. */
export async function avatarFrom(bytes: Uint8Array): Promise<Buffer> {
  if (bytes.length === 0) throw refuse('Choose an image file.');
  if (bytes.length > PICTURE_MAX_BYTES) throw refuse('The picture is larger than 2 MB.');
  if (!pictureType(bytes)) throw refuse('Use a PNG, JPEG or WebP image.');
  try {
    // limitInputPixels stops a tiny file that decodes to a huge image.
    return await sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: 'cover', position: 'attention' })
      .webp({ quality: 85 })
      .toBuffer();
  } catch {
    throw refuse('This image could not be read. Try another file.');
  }
}

export interface PictureUploaderProps {
  actor: Session;
  personId: string;
  /** The uploaded file's bytes; null removes the picture (customers then see the default image). */
  bytes: Uint8Array | null;
}

export async function pictureUploader(deps: Deps, props: PictureUploaderProps): Promise<void> {
  const avatar = props.bytes ? await avatarFrom(props.bytes) : null;
  await deps.db.transaction(async (tx) => {
    const person = await lockPerson(tx, props.actor.clientId, props.personId);
    await tx.query('UPDATE users SET picture = $2, picture_type = $3, picture_updated_at = $4 WHERE id = $1', [
      person.id,
      avatar,
      avatar ? 'image/webp' : null,
      avatar ? new Date() : null,
    ]);
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'person',
      entityId: person.id,
      entityName: person.displayName,
      action: avatar ? 'person.picture_uploaded' : 'person.picture_removed',
      changes: [],
    });
  });
  // Customers talking to them see the new picture (or the default image) now.
  await retellPictures(deps, { agentId: props.personId });
}
