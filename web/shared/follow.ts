/**
 * Whether a thread still follows its newest message after a scroll event (agent console; the customer
 * page inlines the same rule to stay within its bundle budget). Only the reader scrolling up stops the
 * following: the event of the thread's own scroll to the bottom can arrive after more rows went in (a
 * message right behind another), or after the rows that came into view took their real height
 * (content-visibility), and is not the reader leaving.
 */
export interface ScrollBox {
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
}

/** `lastTop`: the scrollTop at the previous scroll event or scroll to the bottom. */
export function followsAfterScroll(following: boolean, lastTop: number, box: ScrollBox, stickyPx: number): boolean {
  if (box.scrollHeight - box.scrollTop - box.clientHeight < stickyPx) return true;
  if (box.scrollTop < lastTop - 1) return false;
  return following;
}
