/**
 * GET /metrics: Prometheus text for this node (src/metrics/nodeMetrics.ts).
 * Who may read it: with METRICS_TOKEN set, whoever sends
 * `Authorization: Bearer <token>`; without it, only scrapers on this host or
 * a private network (loopback, RFC 1918, unique-local and link-local
 * addresses, as the client address the trusted proxies report). Queue names
 * and load figures are business data, never public.
 */
import { timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../app/errors.js';
import type { NodeMetrics } from '../../metrics/nodeMetrics.js';

const privateNetworks = new BlockList();
for (const [network, prefix] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const)
  privateNetworks.addSubnet(network, prefix, 'ipv4');
privateNetworks.addAddress('::1', 'ipv6');
privateNetworks.addSubnet('fc00::', 7, 'ipv6');
privateNetworks.addSubnet('fe80::', 10, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  try {
    return privateNetworks.check(ip, isIPv4(ip) ? 'ipv4' : 'ipv6');
  } catch {
    return false;
  }
}

function bearerMatches(request: FastifyRequest, token: string): boolean {
  const sent = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!sent) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRoute(app: FastifyInstance, metrics: NodeMetrics, token: string | undefined): void {
  app.get('/metrics', async (request, reply) => {
    if (token) {
      if (!bearerMatches(request, token)) throw new AppError('unauthorized', 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>".');
    } else if (!isPrivateAddress(request.ip)) {
      throw new AppError('forbidden', 'Metrics are served to private networks only; set METRICS_TOKEN to scrape from elsewhere.');
    }
    return reply.header('content-type', metrics.contentType).header('cache-control', 'no-store').send(await metrics.exposition());
  });
}
