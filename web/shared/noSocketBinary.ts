/**
 * Stands in for socket.io-parser's binary support (binary.js, is-binary.js; web/vite.config.ts):
 * Reactive Chat's events are JSON on both sides (files go over HTTP), so no packet carries an
 * ArrayBuffer, Blob or File. Packets are encoded as JSON text; a binary packet from a server
 * would be refused as unknown (the socket closes with a parse error and reconnects).
 */
export const isBinary = (_value: unknown): boolean => false;
export const hasBinary = (_value: unknown): boolean => false;

export function deconstructPacket(): never {
  throw new Error('Binary socket packets are not used by Reactive Chat.');
}

export function reconstructPacket(): never {
  throw new Error('Binary socket packets are not used by Reactive Chat.');
}
