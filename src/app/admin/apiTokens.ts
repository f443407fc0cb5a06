/**
 * API tokens of a client (the portal's API tokens page): created with a name
 * and scopes, the secret returned this once and only its hash stored; listed;
 * revoked. Creation and revocation are recorded in the audit log in the same
 * transaction.
 */
import type { Queryable } from '../../db/db.js';
import type { ApiTokenScope, ApiTokenView, NewApiTokenView } from '../../protocol/admin.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { hashToken, newId, newToken } from '../secrets.js';
import { changesBetween, recordAudit } from './auditLog.js';

/** Secrets start with this, so that secret scanners and people recognise one in a log or a commit. */
export const API_TOKEN_PREFIX = 'rct_';

interface TokenRow extends Record<string, unknown> {
  id: string;
  name: string;
  scopes: ApiTokenScope[];
  created_at: Date;
  last_used_at: Date | null;
  created_by_name: string;
}

const toView = (r: TokenRow): ApiTokenView => ({
  id: r.id,
  name: r.name,
  scopes: r.scopes,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
  createdByName: r.created_by_name,
});

/** Tokens not revoked, newest first. */
export async function listApiTokens(db: Queryable, clientId: string): Promise<ApiTokenView[]> {
  const rows = await db.query<TokenRow>(
    'SELECT id, name, scopes, created_at, last_used_at, created_by_name FROM api_tokens WHERE client_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC, id',
    [clientId],
  );
  return rows.map(toView);
}

export async function apiTokenCreator(deps: Deps, props: { actor: Session; name: string; scopes: ApiTokenScope[] }): Promise<NewApiTokenView> {
  const id = newId();
  const secret = `${API_TOKEN_PREFIX}${newToken()}`;
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx.query<TokenRow>(
      `INSERT INTO api_tokens (id, client_id, token_hash, name, scopes, created_by, created_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, name, scopes, created_at, last_used_at, created_by_name`,
      [id, props.actor.clientId, hashToken(secret), props.name, props.scopes, props.actor.userId, props.actor.displayName],
    );
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'api_token',
      entityId: id,
      entityName: props.name,
      action: 'api_token.created',
      changes: changesBetween(null, { name: props.name, scopes: props.scopes }),
    });
    return created!;
  });
  return { ...toView(row), secret };
}

/** Revoked at once: every node reads the row on every request (no cache), so the next call is refused. */
export async function apiTokenRevoker(deps: Deps, props: { actor: Session; tokenId: string }): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const [token] = await tx.query<{ name: string; scopes: string[] }>(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND client_id = $2 AND revoked_at IS NULL RETURNING name, scopes',
      [props.tokenId, props.actor.clientId],
    );
    if (!token) throw new AppError('not_found', 'No such API token (it may have been revoked already).');
    await recordAudit(tx, {
      actor: props.actor,
      entityType: 'api_token',
      entityId: props.tokenId,
      entityName: token.name,
      action: 'api_token.revoked',
      changes: changesBetween({ name: token.name, scopes: token.scopes }, null),
    });
  });
}
