/** Sign-in with a password and server-side sessions (the cookie holds a random token; the table its hash). */
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/db.js';
import type { MeView } from '../protocol/views.js';
import { agentPictureUrl } from './chatViews.js';
import type { Publisher } from './deps.js';
import { AppError } from './errors.js';
import { hashToken, newToken, verifyPassword } from './secrets.js';

export const SESSION_DAYS = 7;

export interface Session {
  userId: string;
  clientId: string;
  role: MeView['role'];
  displayName: string;
}

interface UserRow extends Record<string, unknown> {
  id: string;
  client_id: string;
  client_name: string;
  email: string;
  password_hash: string;
  role: MeView['role'];
  display_name: string;
  picture_updated_at: Date | null;
  capacity: number;
  active: boolean;
}

const SELECT_USER = 'SELECT u.*, c.name AS client_name FROM users u JOIN clients c ON c.id = u.client_id';

const toMe = (u: UserRow): MeView => ({
  id: u.id,
  clientId: u.client_id,
  clientName: u.client_name,
  email: u.email,
  displayName: u.display_name,
  role: u.role,
  pictureUrl: agentPictureUrl(u.id, u.picture_updated_at, 'picture'),
  capacity: u.capacity,
});

// Verifying against a fixed hash when the account does not exist keeps the answer time the same.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export type PasswordCheck = (password: string, stored: string) => Promise<boolean>;

/** Failed sign-ins counted per account, shared by every node (see transport/http/rateLimits.ts). */
export interface SignInAttempts {
  /**
   * Takes one failure slot of this account atomically, BEFORE its password is
   * checked, so that concurrent guesses cannot all slip past the count; false
   * when none is left (locked out). May throw rate_limited for reasons that
   * say nothing about the account (the caller's own address).
   */
  reserve(email: string): Promise<boolean>;
  /** Gives the slot back: the password was right. */
  release(email: string): Promise<void>;
}

export interface SignInPolicy {
  failuresPerAccount: number;
  failureWindowMs: number;
}

/**
 * One answer for an unknown email, a wrong password, a deactivated person and
 * a locked-out account, so that none of them tells a stranger anything.
 */
export const wrongSignIn = (policy: SignInPolicy): AppError => {
  const minutes = Math.max(1, Math.round(policy.failureWindowMs / 60_000));
  return new AppError(
    'unauthorized',
    `Wrong email address or password. After ${policy.failuresPerAccount} failed attempts, sign-in to an account pauses for ${minutes === 1 ? 'a minute' : `${minutes} minutes`}.`,
  );
};

/** How long a password check takes lately: a locked-out answer waits as long, so time does not tell it apart. */
const checkTime = { averageMs: 60 };
// Capped: an overloaded node must not hold refused requests for long.
const paceLikeACheck = () => new Promise((resolve) => setTimeout(resolve, Math.min(2000, checkTime.averageMs) * (0.8 + Math.random() * 0.4)));

export async function login(
  db: Queryable,
  policy: SignInPolicy,
  attempts: SignInAttempts,
  credentials: { email: string; password: string },
  check: PasswordCheck = verifyPassword,
): Promise<{ token: string; me: MeView }> {
  const email = credentials.email.trim();
  if (!(await attempts.reserve(email))) {
    await paceLikeACheck();
    throw wrongSignIn(policy);
  }
  const [user] = await db.query<UserRow>(`${SELECT_USER} WHERE lower(u.email) = lower($1)`, [email]);
  const started = performance.now();
  const ok = await check(credentials.password, user?.password_hash ?? DUMMY_HASH);
  checkTime.averageMs = checkTime.averageMs * 0.9 + (performance.now() - started) * 0.1;
  // The slot stays taken on every failure (unknown email included): that is the count.
  if (!user || !ok || !user.active) throw wrongSignIn(policy);
  await attempts.release(email);
  return { token: await startSession(db, user.id, user.client_id), me: toMe(user) };
}

/**
 * A new session for a person; returns its token for the cookie. Also what an
 * admin who just changed their own password gets to stay signed in (the
 * change ended every older session).
 */
export async function startSession(db: Queryable, userId: string, clientId: string): Promise<string> {
  const token = newToken();
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at < now()', [userId]);
  await db.query(`INSERT INTO sessions (token_hash, user_id, client_id, expires_at) VALUES ($1, $2, $3, now() + interval '${SESSION_DAYS} days')`, [
    hashToken(token),
    userId,
    clientId,
  ]);
  return token;
}

/**
 * A session row `s` of user `u` that still signs its holder in: not expired, the person active,
 * and not older than their last password change. Every check of a session uses it.
 */
export const LIVE_SESSION_SQL = 's.expires_at > now() AND u.active AND (u.password_changed_at IS NULL OR s.created_at >= u.password_changed_at)';

export async function sessionFromToken(db: Queryable, token: string | undefined): Promise<Session | null> {
  if (!token || token.length > 100) return null;
  const [row] = await db.query<{ user_id: string; client_id: string; role: MeView['role']; display_name: string }>(
    `SELECT s.user_id, s.client_id, u.role, u.display_name FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND ${LIVE_SESSION_SQL}`,
    [hashToken(token)],
  );
  return row ? { userId: row.user_id, clientId: row.client_id, role: row.role, displayName: row.display_name } : null;
}

export async function logout(db: Queryable, token: string | undefined): Promise<void> {
  if (token) await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

export async function loadMe(db: Queryable, userId: string): Promise<MeView> {
  const [user] = await db.query<UserRow>(`${SELECT_USER} WHERE u.id = $1`, [userId]);
  if (!user) throw new AppError('unauthorized', 'Please sign in.');
  return toMe(user);
}

/**
 * Ends every session of a person and disconnects their sockets on every node.
 * Call it after the transaction that deactivated them or changed their
 * password has committed (the users trigger already deleted the rows; this
 * also closes the consoles that are open right now).
 */
export async function endSessionsOf(deps: { db: Queryable; publish: Publisher }, userId: string): Promise<void> {
  await deps.db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  deps.publish.disconnectUser(userId);
}

/**
 * The anti-CSRF token of a session (double submit): readable by the page's
 * own script from a cookie, and sent back in a header on every change. It is
 * derived from the session token, so a cookie planted by another site cannot
 * match, and it differs from the stored token hash.
 */
export const csrfTokenFor = (sessionToken: string): string => createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
