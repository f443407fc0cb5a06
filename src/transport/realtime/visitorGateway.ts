/**
 * The `/visitor` namespace (src/protocol/visitor.ts): customer pages that have not started a chat,
 * each in the room of its queue, told `queue:changed` by src/app/queueVisitors.ts. They send nothing;
 * an event they send is answered not_found. The handshake costs one read of the queue by its slug
 * (after the per-address handshake limit, src/transport/realtime/guards.ts).
 */
import type { Namespace } from 'socket.io';
import type { Deps } from '../../app/deps.js';
import { expectedError } from '../../app/errors.js';
import { findQueueBySlug } from '../../app/queues.js';
import { QUEUE_SLUG_PATTERN } from '../../protocol/admin.js';
import { answerUnknownEvents } from './guards.js';
import { rooms } from './publisher.js';

interface VisitorSocketData {
  queueId: string;
}

export function visitorGateway(ns: Namespace, deps: Deps): void {
  ns.use((socket, next) => {
    const slug: unknown = socket.handshake.auth?.slug;
    if (typeof slug !== 'string' || !QUEUE_SLUG_PATTERN.test(slug)) return next(new Error('not_found'));
    findQueueBySlug(deps.db, slug).then(
      (queue) => {
        socket.data = { queueId: queue.id } satisfies VisitorSocketData;
        next();
      },
      (error: unknown) => {
        const known = expectedError(error);
        if (!known) deps.log.error({ err: error }, 'visitor handshake failed');
        next(new Error(known?.id === 'not_found' ? 'not_found' : 'unavailable'));
      },
    );
  });
  ns.on('connection', (socket) => {
    const { queueId } = socket.data as VisitorSocketData;
    void socket.join(rooms.visitors(queueId));
    answerUnknownEvents(socket);
  });
}
