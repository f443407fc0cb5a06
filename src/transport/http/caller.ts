/**
 * Who calls a route that API tokens may use too: `Authorization: Bearer <token>`
 * with the route's scope (the token's client only), else the session cookie as
 * on every staff route. A bearer header is never ignored: a wrong, revoked or
 * out-of-scope token is refused even when a cookie comes along.
 */
import type { FastifyRequest } from 'fastify';
import { callerFromApiToken } from '../../app/apiTokenAuth.js';
import type { Session } from '../../app/auth.js';
import type { Deps } from '../../app/deps.js';
import { AppError } from '../../app/errors.js';
import type { ApiTokenScope } from '../../protocol/admin.js';
import { requireSession } from './session.js';

export interface Caller extends Session {
  /** Called with an API token (acts for the whole client, e.g. every agent's history). */
  viaToken: boolean;
}

/** The secret of `Authorization: Bearer <secret>`, undefined without one. */
export function bearerSecret(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : undefined;
}

export async function requireCaller(deps: Deps, request: FastifyRequest, roles: Session['role'][], scope: ApiTokenScope): Promise<Caller> {
  const secret = bearerSecret(request);
  if (secret === undefined) {
    // "Bearer" with no token or more than one word: a token was meant, and it is not a valid one.
    if (/^Bearer(\s|$)/i.test(request.headers.authorization ?? '')) throw new AppError('unauthorized', 'Send one API token: "Authorization: Bearer <token>".');
    return { ...(await requireSession(deps, request, roles)), viaToken: false };
  }
  const caller = await callerFromApiToken(deps.db, secret, deps.now());
  if (!caller) throw new AppError('unauthorized', 'This API token is not valid or was revoked.');
  if (!caller.scopes.includes(scope)) throw new AppError('forbidden', `This API token lacks the ${scope} scope.`);
  return { ...caller.actor, viaToken: true };
}
