/**
 * The agent's picture in a chat under way follows its settings live (issue 11): when an admin changes
 * a queue's picture policy (agent's picture, default image, none) or an agent's picture, the customers
 * of the chats it shows in get their state again, whose `agent.pictureUrl` carries the new policy and
 * picture (src/app/chatViews.ts). Best effort, like every other telling: a customer who misses it sees
 * the change on their next state or reload.
 */
import type { Queryable } from '../db/db.js';
import { customerState } from './chatViews.js';
import type { Deps } from './deps.js';

/** Chats in progress at a time are few per queue or agent; a bound keeps one save's work bounded anyway. */
const MOST = 500;

async function retell(deps: Deps, chats: Array<{ id: string }>): Promise<void> {
  for (const { id } of chats) deps.publish.toCustomer(id, 'chat:state', await customerState(deps.db, id));
}

function activeChats(db: Queryable, column: 'queue_id' | 'agent_id', id: string) {
  return db.query<{ id: string }>(`SELECT id FROM chats WHERE ${column} = $1 AND status = 'active' ORDER BY accepted_at LIMIT ${MOST}`, [id]);
}

export async function retellPictures(deps: Deps, of: { queueId: string } | { agentId: string }): Promise<void> {
  try {
    await retell(deps, await ('queueId' in of ? activeChats(deps.db, 'queue_id', of.queueId) : activeChats(deps.db, 'agent_id', of.agentId)));
  } catch (error) {
    deps.log.warn({ err: error, ...of }, 'could not tell customers of a new agent picture');
  }
}
