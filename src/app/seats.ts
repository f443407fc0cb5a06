/**
 * An agent's seats in use: chats offered or active, plus offline items
 * (left messages, callback requests) offered to them or in their hands.
 * One definition, used by the router, the staffing figures and the tests.
 */
export const seatsUsedSql = (user: string): string => `(
  (SELECT count(*) FROM chats sc WHERE sc.agent_id = ${user}.id AND sc.status IN ('offered', 'active')) +
  (SELECT count(*) FROM offline_items so WHERE so.status = 'open' AND (so.offered_to = ${user}.id OR so.assigned_to = ${user}.id))
)::int`;
