/**
 * Stands in for engine.io-parser's base64 decoder (web/vite.config.ts): a server sends base64
 * frames over HTTP long-polling only for binary packets, and Reactive Chat's are JSON text.
 */
export function decode(_base64: string): never {
  throw new Error('Binary socket packets are not used by Reactive Chat.');
}
