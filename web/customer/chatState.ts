/**
 * Which of a chat's states the page shows. States reach it from several writers (a place broadcast, an
 * offer's accept, a return to the line, a sync's answer), each read at its own moment and published
 * through its own node, so not always in the order they were read: a place broadcast read while the
 * chat was offered could arrive after the accept's "active" and put the customer back to "Connecting
 * you". Every change of status or agent counts in the chat's row (migration 32): an older count is stale.
 */
import type { ChatStateView } from '../../src/protocol/views.js';

/** Whether `incoming` may replace `shown`: the same change or a later one (places and estimates of the same change update). */
export const isCurrent = (incoming: ChatStateView, shown: ChatStateView | null): boolean => incoming.version >= (shown?.version ?? 0);
