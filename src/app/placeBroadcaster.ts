/** Tells every customer waiting in a queue their new place and estimate. */
import { waitingStates } from './chatViews.js';
import type { Deps } from './deps.js';

export async function broadcastPlaces(deps: Deps, queueId: string): Promise<void> {
  try {
    for (const state of await waitingStates(deps.db, queueId)) deps.publish.toCustomer(state.chatId, 'chat:state', state);
  } catch (error) {
    deps.log.error({ err: error, queueId }, 'could not broadcast places in line');
  }
}
