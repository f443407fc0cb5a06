/**
 * attachmentReader: a chat's file, to the people of that chat only — its customer (chat token),
 * an agent who has or had the chat (chats.agent_id, chat_acceptances), and the admins and
 * supervisors of its client. Anyone else is told "not found", so ids reveal nothing.
 * Thumbnails of images are made on request (sharp, 320 px WebP, metadata dropped). A file never
 * changes under its id, so its version tag (ETag) is the id and the size asked for: a browser that
 * holds it is told so after the same check, without the bytes being read.
 */
import sharp from 'sharp';
import type { AttachmentType } from '../../protocol/attachments.js';
import { isImage } from '../../protocol/attachments.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { hashToken } from '../secrets.js';
import { attachmentStore } from './attachmentStore.js';

export type Reader = { kind: 'customer'; token: string } | { kind: 'staff'; session: Session };

export interface AttachmentFile {
  name: string;
  type: AttachmentType;
  bytes: Buffer;
}

export const THUMB_SIZE = 320;

interface Row extends Record<string, unknown> {
  id: string;
  name: string;
  content_type: AttachmentType;
  bytes: Uint8Array | null;
}

const NOT_FOUND = () => new AppError('not_found', 'File not found.');

/** The version tag (ETag) of a file or its thumbnail: immutable under its id. */
export const attachmentTag = (id: string, thumb: boolean): string => `"${id.toLowerCase()}${thumb ? '.thumb' : ''}"`;

function findFor(deps: Deps, id: string, reader: Reader, withBytes: boolean): Promise<Row[]> {
  const columns = `a.id, a.name, a.content_type, ${withBytes ? 'a.bytes' : 'NULL AS bytes'}`;
  if (reader.kind === 'customer') {
    return deps.db.query<Row>(`SELECT ${columns} FROM attachments a JOIN chats c ON c.id = a.chat_id WHERE a.id = $1 AND c.token_hash = $2`, [
      id,
      hashToken(reader.token),
    ]);
  }
  const { session } = reader;
  // Admins and supervisors see every chat of their client; an agent only those they have or had.
  const agentOnly = session.role === 'agent'
    ? 'AND (c.agent_id = $3 OR EXISTS (SELECT 1 FROM chat_acceptances ca WHERE ca.chat_id = c.id AND ca.agent_id = $3))'
    : '';
  return deps.db.query<Row>(
    `SELECT ${columns} FROM attachments a JOIN chats c ON c.id = a.chat_id
      WHERE a.id = $1 AND c.client_id = $2 ${agentOnly}`,
    session.role === 'agent' ? [id, session.clientId, session.userId] : [id, session.clientId],
  );
}

/**
 * The file (or its thumbnail) for `reader`, who must be one of the chat's people ("not found"
 * otherwise). `held`: the reader's browser already has this version (If-None-Match): null once
 * the reader is checked, the bytes left unread.
 */
export async function readAttachment(deps: Deps, id: string, reader: Reader, thumb: boolean, held = false): Promise<AttachmentFile | null> {
  const [row] = await findFor(deps, id, reader, !held);
  if (!row) throw NOT_FOUND();
  if (held) return null;
  let bytes: Buffer;
  try {
    bytes = await attachmentStore(deps.config.attachments.dir).read(row.id, row.bytes);
  } catch {
    // The row outlived its file (the folder was cleaned by hand): nothing to serve.
    throw NOT_FOUND();
  }
  if (!thumb || !isImage(row.content_type)) return { name: row.name, type: row.content_type, bytes };
  const small = await sharp(bytes, { limitInputPixels: 100_000_000 })
    .rotate()
    .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer();
  return { name: row.name, type: 'image/webp', bytes: small };
}
