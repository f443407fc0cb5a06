/**
 * What the database says now about a node's open agent consoles: which
 * sessions still sign their holder in, and for each the chats whose rooms
 * the console belongs in. The rooms are normally kept by commands published
 * over the bus (attach, detach, close, disconnect); a command lost while the
 * bus was down leaves a console following a chat that is no longer its
 * agent's, so every node re-derives them from here (src/transport/realtime/agentRooms.ts).
 */
import type { Queryable } from '../db/db.js';
import { LIVE_SESSION_SQL } from './auth.js';
import { hashToken } from './secrets.js';

export interface LiveConsole {
  userId: string;
  /** The agent's active chats: a console is in a chat's room exactly while the chat is its agent's and active. */
  chatIds: string[];
}

/**
 * One statement for all of a node's consoles, however many: the session
 * tokens in, per token whose session is still live its agent and active
 * chats out. A token missing from the answer no longer signs anyone in
 * (signed out, expired, deactivated, password changed).
 */
export async function liveConsoles(db: Queryable, tokens: readonly string[]): Promise<Map<string, LiveConsole>> {
  const byHash = new Map<string, string>();
  for (const token of tokens) byHash.set(hashToken(token), token);
  const live = new Map<string, LiveConsole>();
  if (!byHash.size) return live;
  const rows = await db.query<{ token_hash: string; user_id: string; chat_ids: string[] }>(
    `SELECT s.token_hash, s.user_id,
            ARRAY(SELECT c.id::text FROM chats c
                   WHERE c.agent_id = s.user_id AND c.client_id = s.client_id AND c.status = 'active') AS chat_ids
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = ANY($1::text[]) AND ${LIVE_SESSION_SQL}`,
    [[...byHash.keys()]],
  );
  for (const row of rows) {
    const token = byHash.get(row.token_hash);
    if (token) live.set(token, { userId: row.user_id, chatIds: row.chat_ids });
  }
  return live;
}
