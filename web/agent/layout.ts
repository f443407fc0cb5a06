/**
 * Which of the console's three layouts the window has room for (the numbers match web/agent/styles.css):
 * - phone (under 720 px): one pane at a time, the chat list or what is open, with Back between them;
 * - tablet (720–1100 px): the list beside the open chat, the customer's details behind a button;
 * - desktop (over 1100 px): list, chat and the details column.
 * Chat history's own list and transcript take turns below 960 px, where they have no room side by side.
 */
import { useEffect, useState } from 'preact/hooks';

export const PHONE_QUERY = '(max-width: 719px)';
export const DETAILS_COLUMN_QUERY = '(min-width: 1101px)';
export const STACKED_HISTORY_QUERY = '(max-width: 959px)';

/** Whether the media query matches, following the window as it is resized or turned. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
