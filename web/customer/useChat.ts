/** Re-renders a component whenever its chat connection's snapshot changes. */
import { useEffect, useState } from 'preact/hooks';
import type { ChatConnection, ChatSnapshot } from './socket.js';

export function useChat(chat: ChatConnection): ChatSnapshot {
  const [snapshot, setSnapshot] = useState(chat.snapshot);
  useEffect(() => {
    // The snapshot may have moved between the first render and this subscription.
    setSnapshot(chat.snapshot);
    return chat.subscribe(() => setSnapshot(chat.snapshot));
  }, [chat]);
  return snapshot;
}
