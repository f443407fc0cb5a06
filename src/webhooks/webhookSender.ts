/**
 * Sends one webhook delivery: an HTTP POST of the stored JSON, signed with
 * the endpoint's secret (src/protocol/webhooks.ts says what a receiver checks).
 *
 * The URL is typed by a client's admin, so the request must not become a way
 * into our own network (SSRF): unless WEBHOOK_ALLOW_PRIVATE_NETWORKS is set,
 * the host's addresses are resolved and checked here, and the connection goes
 * to the address that was checked (no second lookup that DNS could answer
 * differently). Redirects are not followed for the same reason.
 */
import { createHmac } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { PermanentFailure } from '../jobs/leasedJobs.js';

/** Loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast and reserved ranges. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/**
 * Link-local addresses, where clouds answer instance metadata and credentials (169.254.169.254,
 * fd00:ec2::254): refused even where private networks are allowed, since no intranet receiver lives there.
 */
const METADATA = new BlockList();
METADATA.addSubnet('169.254.0.0', 16, 'ipv4');
METADATA.addSubnet('fe80::', 10, 'ipv6');
METADATA.addAddress('fd00:ec2::254', 'ipv6');

export function isMetadataAddress(address: string): boolean {
  const family = isIP(address);
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return METADATA.check(mapped[1]!, 'ipv4');
  return family === 4 ? METADATA.check(address, 'ipv4') : family === 6 ? METADATA.check(address, 'ipv6') : false;
}

/** Whether a delivery may not go to this address: metadata always, other private ones unless allowed. */
export function isRefusedAddress(address: string, allowPrivateNetworks: boolean): boolean {
  return isMetadataAddress(address) || (!allowPrivateNetworks && isPrivateAddress(address));
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it is.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? PRIVATE.check(mapped[1]!, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

/** dns.lookup that refuses hosts with any refused address (all of them are checked: the client may pick any). */
function checkedLookup(allowPrivateNetworks: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.find((a) => isRefusedAddress(a.address, allowPrivateNetworks));
      if (blocked) return callback(new PermanentFailure(`${hostname} is a private address (${blocked.address}); webhooks go to public addresses only`), '', 0);
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

export interface SignedRequest {
  url: string;
  secret: string;
  deliveryId: string;
  event: string;
  body: string;
}

/** "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>": the time is signed too, so an old delivery cannot be replayed later. */
export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivateNetworks: boolean;
}

/** Resolves with the HTTP status when it is 2xx; throws (with the status on the error) otherwise. */
export function sendWebhook(request: SignedRequest, options: SendOptions): Promise<number> {
  const url = new URL(request.url);
  const client = url.protocol === 'https:' ? https : http;
  const body = Buffer.from(request.body);
  // An address written in the URL is connected to without a lookup: checked here instead.
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && isRefusedAddress(host, options.allowPrivateNetworks)) {
    return Promise.reject(new PermanentFailure(`${host} is a private address; webhooks go to public addresses only`));
  }
  return new Promise<number>((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        lookup: checkedLookup(options.allowPrivateNetworks),
        timeout: options.timeoutMs,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          'user-agent': 'ReactiveChat-Webhooks/1',
          'x-reactive-chat-event': request.event,
          'x-reactive-chat-delivery': request.deliveryId,
          'x-reactive-chat-signature': signatureHeader(request.secret, request.body, Math.floor(Date.now() / 1000)),
        },
      },
      (res) => {
        // The answer's body is not needed: read and dropped so the socket is freed.
        res.resume();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve(status);
        const why = status >= 300 && status < 400 ? 'redirects are not followed' : (res.statusMessage ?? '');
        // 410 Gone: the receiver says this endpoint is no more; trying again changes nothing.
        const error = status === 410 ? new PermanentFailure(`HTTP ${status} ${why}`.trim()) : new Error(`HTTP ${status} ${why}`.trim());
        reject(Object.assign(error, { httpStatus: status }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
