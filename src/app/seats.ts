/**
 * An agent's seats in use: chats offered or active, plus offline items
 * (left messages, callback requests) offered to them or in their hands.
 * One definition, used by the router, the staffing figures and the tests.
 * A chat transferred to the agent and not answered yet holds a seat too
 * (src/app/transfers.ts), so the router cannot fill it meanwhile.
 *
 * The offline items are counted as "offered to" plus "held and not also
 * offered to them", two terms that each use their own index (migration 14);
 * one OR would scan every open item for each agent.
 */
export const seatsUsedSql = (user: string): string => `(
  (SELECT count(*) FROM chats sc WHERE sc.agent_id = ${user}.id AND sc.status IN ('offered', 'active')) +
  (SELECT count(*) FROM offline_items so WHERE so.status = 'open' AND so.offered_to = ${user}.id) +
  (SELECT count(*) FROM offline_items sa WHERE sa.status = 'open' AND sa.assigned_to = ${user}.id AND sa.offered_to IS DISTINCT FROM ${user}.id) +
  (SELECT count(*) FROM chat_transfers st WHERE st.state = 'offered' AND st.to_agent_id = ${user}.id)
)::int`;
