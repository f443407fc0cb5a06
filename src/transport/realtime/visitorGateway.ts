/**
 * The `/visitor` namespace (src/protocol/visitor.ts): customer pages that have not started a chat,
 * each in the room of its queue's slug, told `queue:changed` by src/app/queueVisitors.ts. They send
 * nothing; an event they send is answered not_found. The handshake reads nothing (the slug names the
 * room), so it is not counted against the per-address handshake limit a customer's chat socket spends:
 * a page at the chat URL costs one chat handshake, as before, whatever it watches.
 */
import type { Namespace } from 'socket.io';
import { QUEUE_SLUG_PATTERN } from '../../protocol/admin.js';
import { answerUnknownEvents } from './guards.js';
import { rooms } from './publisher.js';

export function visitorGateway(ns: Namespace): void {
  ns.use((socket, next) => {
    const slug: unknown = socket.handshake.auth?.slug;
    next(typeof slug === 'string' && QUEUE_SLUG_PATTERN.test(slug) ? undefined : new Error('not_found'));
  });
  ns.on('connection', (socket) => {
    void socket.join(rooms.visitors(socket.handshake.auth.slug as string));
    answerUnknownEvents(socket);
  });
}
