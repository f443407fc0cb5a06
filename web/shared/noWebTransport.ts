/**
 * Stands in for engine.io-client's WebTransport transport (web/vite.config.ts): Reactive Chat's
 * server offers only websocket and polling, so engine.io-client never picks this one.
 */
export class WT {
  constructor() {
    throw new Error('WebTransport is not offered by this server.');
  }
}
