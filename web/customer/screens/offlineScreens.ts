/** What the offline chunk holds (lazyOffline.tsx): the closed screen, the offline options and hours, and the waiting screen's offline panel. */
export { Closed, Hours, OfflineOptions } from './Closed.js';
export { WaitingOfflinePanel } from './WaitingOfflinePanel.js';
export { LeftLine } from './LeftLine.js';
