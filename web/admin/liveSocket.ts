/**
 * The live view's connection (Socket.IO `/supervisor`): the board is asked
 * for once on every (re)connect and then pushed by the server when it
 * changes; nothing is polled. Waits and times in state tick on the page from
 * the board's server clock, so a quiet board needs no pushes to stay right.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { io, type Socket } from 'socket.io-client';
import type { Result } from '../../src/protocol/errors.js';
import { type BoardView, SUPERVISOR_NAMESPACE, type SupervisorClientEvents, type SupervisorServerEvents } from '../../src/protocol/supervisor.js';
import { LIVE_WORDS } from './liveWords.js';

export type LiveSocket = Socket<SupervisorServerEvents, SupervisorClientEvents>;

const ACK_TIMEOUT_MS = 10_000;

/** Emits with an acknowledgement; a missing answer becomes an error Result, never a rejection. */
export function request<T extends object>(socket: LiveSocket, event: keyof SupervisorClientEvents, payload: object): Promise<Result<T>> {
  return (socket.timeout(ACK_TIMEOUT_MS).emitWithAck as (e: string, p: object) => Promise<Result<T>>)(event, payload).catch(() => ({
    ok: false as const,
    error: { id: 'internal' as const, message: LIVE_WORDS.noResponse },
  }));
}

export interface LiveView {
  connection: 'connecting' | 'online' | 'reconnecting';
  board: BoardView | null;
  /** Server clock minus this page's clock (ms), from the last board. */
  skewMs: number;
  error: string | null;
  socket: LiveSocket | null;
}

export function useLiveView(onUnauthorized: () => void): LiveView {
  const [state, setState] = useState<LiveView>({ connection: 'connecting', board: null, skewMs: 0, error: null, socket: null });
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  useEffect(() => {
    const socket: LiveSocket = io(SUPERVISOR_NAMESPACE, { withCredentials: true });
    const show = (board: BoardView) => setState((s) => ({ ...s, board, skewMs: new Date(board.at).getTime() - Date.now(), error: null }));
    const load = async () => {
      const result = await request<{ board: BoardView }>(socket, 'board:get', {});
      if (result.ok) show(result.board);
      else setState((s) => ({ ...s, error: result.error.message }));
    };
    socket.on('connect', () => {
      setState((s) => ({ ...s, connection: 'online', socket }));
      void load();
    });
    socket.on('disconnect', (reason) => {
      setState((s) => ({ ...s, connection: 'reconnecting' }));
      // Ended by the server: a node draining, or the session ended. Connect again: a session that
      // ended is refused with 'unauthorized' below, a drained node's peers take the page.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized' || error.message === 'forbidden') {
        socket.disconnect();
        unauthorized.current();
      }
    });
    socket.on('board', show);
    socket.on('resync', () => void load());
    setState((s) => ({ ...s, socket }));
    return () => {
      socket.disconnect();
    };
  }, []);

  return state;
}

/** The server's "now", ticking every second (for waits and times in state). */
export function useServerNow(skewMs: number): number {
  const [now, setNow] = useState(() => Date.now() + skewMs);
  useEffect(() => {
    setNow(Date.now() + skewMs);
    const timer = setInterval(() => setNow(Date.now() + skewMs), 1000);
    return () => clearInterval(timer);
  }, [skewMs]);
  return now;
}
