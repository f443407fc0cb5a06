/**
 * At most `max` unanswered events per socket. One client cannot queue
 * unbounded work on the node: past the bound an event is answered
 * `rate_limited` at once and never reaches its handler (no validation, no
 * limiter round trip, no database). The counter is one integer per socket
 * and one wrapped acknowledgement per event.
 */
import type { Socket } from 'socket.io';
import type { Result } from '../../protocol/errors.js';

const REFUSED: Result = { ok: false, error: { id: 'rate_limited', message: 'Too many requests at once. Please wait a moment.' } };

export function limitInFlight(socket: Socket, max: number): void {
  let unanswered = 0;
  socket.use((packet, next) => {
    const last = packet.length - 1;
    const ack = typeof packet[last] === 'function' ? (packet[last] as (...answer: unknown[]) => void) : undefined;
    if (unanswered >= max) {
      ack?.(REFUSED);
      return;
    }
    unanswered++;
    let answered = false;
    const done = () => {
      if (answered) return;
      answered = true;
      unanswered--;
    };
    // Every handler answers its acknowledgement exactly once (handler.ts, answerUnknownEvents); an
    // event sent without one gets a silent one, so fire-and-forget events are counted until handled.
    if (ack) {
      packet[last] = (...answer: unknown[]) => {
        done();
        ack(...answer);
      };
    } else {
      packet.push(done);
    }
    // A socket that closes with events still in flight takes its counter with it.
    next();
  });
}
