/**
 * Same-origin check for browser requests that ride on the session cookie
 * (state-changing HTTP requests and the /agent WebSocket handshake). A
 * browser always sends Origin on those; a request without one is not from a
 * browser page and cannot carry a victim's cookie, so it is let through.
 */
import type { IncomingHttpHeaders } from 'node:http';

export function isSameOrigin(headers: IncomingHttpHeaders, publicUrl: string | undefined): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  if (origin === 'null') return false;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl) return originUrl.origin === new URL(publicUrl).origin;
  // Behind a TLS-terminating proxy the scheme differs from ours; the host must not.
  const host = headers['x-forwarded-host'] ?? headers.host;
  return typeof host === 'string' && originUrl.host === host.split(',')[0]!.trim();
}
