/**
 * The per-queue inactivity timeout of active chats (src/domain/inactivity.ts).
 * Due times come from the chat's row (last message or accept) and the
 * queue's setting, so they survive any node: the sweeper warns the customer
 * once (`inactivity_warned_at`, set under the row lock and cleared by the next
 * message) and later closes the chat through chatEnder, which checks again
 * under the lock that nobody wrote meanwhile.
 */
import { inactivityTimes } from '../domain/inactivity.js';
import { endChat } from './chatEnder.js';
import { appendSystemLine, type Appended, publishEvent } from './chatLog.js';
import { INACTIVITY_CLOSE_DUE_SQL, INACTIVITY_MINUTES_SQL, INACTIVITY_WARN_DUE_SQL } from './chatTimers.js';
import type { Deps } from './deps.js';

const BATCH = 100;

/** Warns the customers of chats about to close, then closes those whose time is up (called from sweepOnce). */
export async function sweepInactiveChats(deps: Deps): Promise<void> {
  await warnInactiveChats(deps);
  const due = await deps.db.query<{ id: string }>(
    `SELECT c.id FROM chats c JOIN queues q ON q.id = c.queue_id WHERE ${INACTIVITY_CLOSE_DUE_SQL} LIMIT ${BATCH}`,
  );
  for (const { id } of due) {
    try {
      await endChat(deps, { kind: 'inactivity', chatId: id });
    } catch (error) {
      deps.log.error({ err: error, chatId: id }, 'could not close an inactive chat');
    }
  }
}

async function warnInactiveChats(deps: Deps): Promise<void> {
  const skipLocked = deps.db.skipLocked ? 'SKIP LOCKED' : '';
  const warnings = await deps.db.transaction(async (tx) => {
    // The due condition is evaluated again on the locked row, so a message that just landed cancels the warning.
    const chats = await tx.query<{ id: string; client_id: string; minutes: number }>(
      `SELECT c.id, c.client_id, ${INACTIVITY_MINUTES_SQL} AS minutes FROM chats c JOIN queues q ON q.id = c.queue_id
        WHERE ${INACTIVITY_WARN_DUE_SQL} LIMIT ${BATCH} FOR UPDATE OF c ${skipLocked}`,
    );
    const appended: Appended[] = [];
    for (const chat of chats) {
      const times = inactivityTimes(chat.minutes);
      if (!times) continue;
      await tx.query('UPDATE chats SET inactivity_warned_at = now() WHERE id = $1', [chat.id]);
      appended.push(
        await appendSystemLine(tx, chat, {
          system: 'inactivity_warning',
          line: { id: 'inactivity_warning', params: { seconds: times.closeAfterSeconds - times.warnAfterSeconds } },
        }),
      );
    }
    return appended;
  });
  for (const { event } of warnings) publishEvent(deps.publish, event);
}
