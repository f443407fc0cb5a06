/** Size limits the server enforces, shared so browsers can check before sending. */
export const MESSAGE_MAX_CHARS = 4000;
export const OFFLINE_MESSAGE_MAX_CHARS = 4000;

/** Events of a chat a console gets at first (snapshot, accept): the newest page; older ones on demand. */
export const CHAT_PAGE_EVENTS = 50;
/** At most this many events answer one catching-up request (sync, or a chat in a snapshot the console holds). */
export const CHAT_DELTA_EVENTS = 200;
/** At most this many older events per `chat:history` request. */
export const CHAT_HISTORY_MAX_EVENTS = 200;
/** At most this many chats a console may name as held in one snapshot request. */
export const SNAPSHOT_HELD_MAX_CHATS = 200;
