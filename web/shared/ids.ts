/**
 * A unique id per outgoing message or note, so that the server drops a retried duplicate (any text of
 * at most 64 characters): a UUID where the page is a secure context (randomUUID needs one: https or
 * localhost), else 32 random hex digits (getRandomValues works everywhere).
 */
export function newClientMsgId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
