/**
 * The tab's title counts the agent's messages that arrived while the customer looked elsewhere:
 * "(2) Chat with Support". Seen once the tab is visible again (WCAG: the count reaches people who
 * cannot hear the sound or see the tab's content; screen readers read titles).
 */
import type { ChatConnection } from './socket.js';

export function countUnreadInTitle(chat: ChatConnection, title: () => string): () => void {
  const agentSeqs = () => chat.snapshot.events.filter((e) => e.kind === 'message' && e.author === 'agent').map((e) => e.seq);
  // What is on screen when the page opens has been read.
  let seen = Math.max(0, ...agentSeqs());
  const update = () => {
    const seqs = agentSeqs();
    if (document.visibilityState === 'visible') seen = Math.max(seen, ...seqs);
    const unread = seqs.filter((seq) => seq > seen).length;
    document.title = unread ? `(${unread}) ${title()}` : title();
  };
  const unsubscribe = chat.subscribe(update);
  document.addEventListener('visibilitychange', update);
  update();
  return () => {
    unsubscribe();
    document.removeEventListener('visibilitychange', update);
    document.title = title();
  };
}
