import type { ChatEventView } from '../../../src/protocol/views.js';

/** True once an agent had joined or anyone wrote: a return to the line then keeps the thread on screen. */
export function hadConversation(events: readonly ChatEventView[], pendingCount: number): boolean {
  return pendingCount > 0 || events.some((e) => e.kind === 'message' || e.system === 'agent_joined');
}
