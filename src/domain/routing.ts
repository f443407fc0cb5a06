/**
 * Routing policy: which eligible agent gets the next waiting chat.
 * Eligible = assigned to the queue, Available with a live connection, and
 * below capacity. Among them, the one idle longest (since they became
 * Available or last finished a chat) is chosen, so work is shared fairly.
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

export function pickAgent<T extends AgentCandidate>(candidates: readonly T[]): T | null {
  let best: T | null = null;
  for (const agent of candidates) {
    if (!hasFreeSeat(agent)) continue;
    if (!best || agent.idleSince.getTime() < best.idleSince.getTime() || (agent.idleSince.getTime() === best.idleSince.getTime() && agent.id < best.id)) {
      best = agent;
    }
  }
  return best;
}
