/**
 * How every page opens its Socket.IO connection: a WebSocket at once, one TCP connection to one node,
 * so that nodes behind a load balancer need no sticky sessions (README, "Running many nodes"). HTTP
 * long-polling only where a WebSocket cannot open (a proxy that refuses it); only such clients need
 * sticky sessions. Socket.IO's default, polling first and then an upgrade, sent the upgrade to
 * another node behind a round-robin balancer: refused, retried, a customer connected after 30 s.
 */
export const SOCKET_TRANSPORTS = { transports: ['websocket', 'polling'], tryAllTransports: true };
