/**
 * Where focus goes after the console changes what it shows (Back on a phone, End chat): asked for
 * during an event, applied once the next render is on the page, so the element asked for exists.
 */
import { useEffect, useState } from 'preact/hooks';

export type FocusTarget =
  /** The row of a chat in "My chats" (its heading if the row is not there). */
  | { kind: 'chat'; chatId: string }
  /** "Messages & callbacks" or "Chat history" in the list. */
  | { kind: 'entry'; view: 'offline' | 'history' }
  /** The next chat in progress, else the "My chats" heading. */
  | { kind: 'next' }
  | { kind: 'list' };

export function useFocusRequest(): (target: FocusTarget) => void {
  const [target, setTarget] = useState<FocusTarget | null>(null);
  useEffect(() => {
    if (!target) return;
    setTarget(null);
    focusable(find(target))?.focus();
  }, [target]);
  return setTarget;
}

function find(target: FocusTarget): HTMLElement | null {
  const list = document.querySelector('.sidebar');
  const heading = document.getElementById('my-chats-title');
  if (!list) return null;
  switch (target.kind) {
    case 'chat':
      return focusable(list.querySelector<HTMLElement>(`[data-chat-id="${CSS.escape(target.chatId)}"]`)) ?? heading;
    case 'entry':
      return list.querySelector<HTMLElement>(`[data-view="${target.view}"]`) ?? heading;
    case 'next':
      return list.querySelector<HTMLElement>('#my-open-chats .chat-item') ?? heading;
    case 'list':
      return heading;
  }
}

/** The element if it is shown (a row of a collapsed section is not). */
function focusable(element: HTMLElement | null): HTMLElement | null {
  return element && element.getClientRects().length > 0 ? element : null;
}
