/**
 * Authenticates a server-to-server call by its API token (src/app/admin/apiTokens.ts).
 * The row is read on every call, so a revoked token is refused at once on every node.
 */
import type { Queryable } from '../db/db.js';
import type { ApiTokenScope } from '../protocol/admin.js';
import type { Session } from './auth.js';
import { hashToken } from './secrets.js';

/** last_used_at is a day-to-day hint, not a log: written at most this often per token, not on every call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface TokenCaller {
  tokenId: string;
  scopes: ApiTokenScope[];
  /**
   * Who the audit log names for a change made with the token: the admin who created it
   * (accountable for it), named after the token.
   */
  actor: Session;
}

interface Row extends Record<string, unknown> {
  id: string;
  client_id: string;
  name: string;
  scopes: ApiTokenScope[];
  created_by: string | null;
  last_used_at: Date | null;
}

/** The token's caller, or null when no live token has this secret. */
export async function callerFromApiToken(db: Queryable, secret: string, now: Date): Promise<TokenCaller | null> {
  if (secret.length > 100) return null;
  const [row] = await db.query<Row>('SELECT id, client_id, name, scopes, created_by, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL', [
    hashToken(secret),
  ]);
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > LAST_USED_RESOLUTION_MS) {
    await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, now]);
  }
  return {
    tokenId: row.id,
    scopes: row.scopes,
    actor: { userId: row.created_by ?? row.id, clientId: row.client_id, role: 'admin', displayName: `API token “${row.name}”` },
  };
}
