/** Size limits the server enforces, shared so browsers can check before sending. */
export const MESSAGE_MAX_CHARS = 4000;
export const OFFLINE_MESSAGE_MAX_CHARS = 4000;
