/** The signed-in person, shared by the agent console and the admin portal. */
import { useEffect, useState } from 'preact/hooks';
import type { LoginBody, SessionProbe } from '../../src/protocol/http.js';
import type { MeView } from '../../src/protocol/views.js';
import { fetchJson, passing } from './http.js';
import { SESSION_WORDS } from './sessionWords.js';

/**
 * The current person, or null when nobody is signed in. Asks the probe that answers 200 either way,
 * so a signed-out visit logs no failed request in the browser's console.
 */
export async function fetchMe(): Promise<MeView | null> {
  const probe = await fetchJson<SessionProbe>('/api/auth/session');
  return probe.signedIn ? probe.me : null;
}

export async function login(body: LoginBody): Promise<MeView> {
  return (await fetchJson<{ me: MeView }>('/api/auth/login', { method: 'POST', body })).me;
}

export async function logout(): Promise<void> {
  await fetchJson<void>('/api/auth/logout', { method: 'POST' });
}

export type Session =
  | { status: 'loading' }
  | { status: 'error'; message: string; retry: () => void; retrying: boolean }
  | { status: 'signed-out'; notice: string | null }
  | { status: 'signed-in'; me: MeView };

export interface SessionControls {
  session: Session;
  signedIn: (me: MeView) => void;
  /** Back to the sign-in card, optionally explaining why (e.g. the session expired). */
  signedOut: (notice?: string) => void;
}

/** Back-off of the first load's automatic tries: 1 s, 2 s, 4 s… at most 30 s apart. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

export function useSession(): SessionControls {
  const [session, setSession] = useState<Session>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    fetchMe().then(
      (me) => !cancelled && setSession(me ? { status: 'signed-in', me } : { status: 'signed-out', notice: null }),
      (error: unknown) => {
        if (cancelled) return;
        const retry = () => setAttempt((n) => n + 1);
        const retrying = passing(error);
        if (retrying) timer = setTimeout(retry, Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.min(attempt, 5)));
        setSession({ status: 'error', message: error instanceof Error ? error.message : SESSION_WORDS.loadFailed, retry, retrying });
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [attempt]);

  return {
    session,
    signedIn: (me) => setSession({ status: 'signed-in', me }),
    signedOut: (notice) => setSession({ status: 'signed-out', notice: notice ?? null }),
  };
}
