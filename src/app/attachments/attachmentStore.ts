/**
 * Where an attachment's bytes live: in the database (attachments.bytes, the default, so one
 * backup holds everything) or, when ATTACHMENTS_DIR is set, in that folder under the row's id
 * (bytes then NULL). The folder's files are written before the row commits and removed if it
 * does not, so a stored row always has its file; an orphan file (a crash in between) holds no
 * chat's reference and is never served.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../../db/db.js';

export interface AttachmentStore {
  /** Bytes to write into the row (db mode), or null (folder mode: written to the folder now). */
  put(id: string, bytes: Buffer): Promise<Buffer | null>;
  read(id: string, stored: Uint8Array | null): Promise<Buffer>;
  /** After the rows are deleted (or a failed insert): removes the files, if any. */
  remove(ids: string[]): Promise<void>;
}

/** Ids are uuids (newId); checked again here since they become file names. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const fileOf = (dir: string, id: string): string => {
  if (!UUID.test(id)) throw new Error(`not an attachment id: ${id}`);
  return join(dir, id.toLowerCase());
};

export function attachmentStore(dir: string | undefined): AttachmentStore {
  if (!dir) {
    return {
      put: async (_id, bytes) => bytes,
      read: async (_id, stored) => Buffer.from(stored ?? new Uint8Array()),
      remove: async () => undefined,
    };
  }
  return {
    async put(id, bytes) {
      await mkdir(dir, { recursive: true });
      await writeFile(fileOf(dir, id), bytes, { flag: 'wx', mode: 0o600 });
      return null;
    },
    read: (id) => readFile(fileOf(dir, id)),
    async remove(ids) {
      await Promise.all(ids.map((id) => rm(fileOf(dir, id), { force: true })));
    },
  };
}

/** Deletes the attachment rows of these chats (erasure), returning their ids for the store to remove the files. */
export async function deleteChatAttachments(tx: Queryable, chatIds: string[]): Promise<string[]> {
  if (chatIds.length === 0) return [];
  const rows = await tx.query<{ id: string }>('DELETE FROM attachments WHERE chat_id = ANY($1::uuid[]) RETURNING id', [chatIds]);
  return rows.map((r) => r.id);
}
