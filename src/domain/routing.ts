/**
 * Routing policy: which eligible agent gets the next waiting chat.
 * Eligible = assigned to the queue, Available with a live connection, and
 * below capacity. Among them the least busy agent (fewest chats open) is
 * chosen, and among equally busy ones the one idle longest (since they
 * became Available or last finished a chat), so work is shared fairly even
 * when agents take several chats at once.
 */
export interface AgentCandidate {
  id: string;
  capacity: number;
  openChats: number;
  idleSince: Date;
}

export function hasFreeSeat(agent: AgentCandidate): boolean {
  return agent.openChats < agent.capacity;
}

function comesFirst(a: AgentCandidate, b: AgentCandidate): boolean {
  if (a.openChats !== b.openChats) return a.openChats < b.openChats;
  const idle = a.idleSince.getTime() - b.idleSince.getTime();
  // Ties broken by id so that every node decides the same.
  return idle !== 0 ? idle < 0 : a.id < b.id;
}

export function pickAgent<T extends AgentCandidate>(candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const agent of candidates) {
    if (!hasFreeSeat(agent)) continue;
    if (!best || comesFirst(agent, best)) best = agent;
  }
  return best;
}
