/**
 * Webhooks (the portal's Webhooks page; routes in src/transport/http/webhookRoutes.ts).
 *
 * Each delivery is an HTTP POST of a JSON envelope to the endpoint's URL:
 *   { "id": "<event id>", "type": "chat.ended", "createdAt": "<ISO time>", "data": { ... } }
 * with the headers
 *   Content-Type: application/json
 *   User-Agent: ReactiveChat-Webhooks/1
 *   X-Reactive-Chat-Event: <type>
 *   X-Reactive-Chat-Delivery: <delivery id>   (the same on every attempt and on a redelivery)
 *   X-Reactive-Chat-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the endpoint's secret>
 * A receiver checks the signature over the raw body, refuses a `t` older than a few minutes (replay),
 * answers 2xx within 10 s, and de-duplicates by delivery id (delivery is at least once). Anything else
 * is tried again with back-off (about 30 s, doubling, up to 8 attempts), then marked failed; an admin
 * can send any delivery again.
 *
 * data, by type:
 *   chat.*              { chat: WebhookChat }
 *   chat.transferred    { chat: WebhookChat, transfer: WebhookTransfer } (accepted by the agent, or into the queue's line)
 *   chat.survey         { chat: WebhookChat, survey: { rating, comment, agentIds, createdAt } } (the customer answered)
 *   message.*, callback.*  { item: OfflineItemView-like }
 *   ping                { message } — "Send test" in the portal
 */

export const WEBHOOK_EVENTS = [
  'chat.queued',
  'chat.started',
  'chat.ended',
  'chat.abandoned',
  'chat.transferred',
  'chat.survey',
  'message.left',
  'message.replied',
  'callback.requested',
  'callback.handled',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What the portal sends to add or change a webhook. */
export interface WebhookBody {
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
}

export interface WebhookView {
  id: string;
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
  /** The newest delivery's outcome, for the list. */
  lastDelivery: { status: WebhookDeliveryStatus; at: string; httpStatus: number | null } | null;
}

/** Only in the answers to create and "rotate secret", and on the endpoint's own page when asked. */
export interface WebhookSecretView {
  secret: string;
}

export type WebhookDeliveryStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface WebhookDeliveryView {
  id: string;
  event: WebhookEvent | 'ping';
  status: WebhookDeliveryStatus;
  attempts: number;
  httpStatus: number | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

/** The `chat` of chat events. */
export interface WebhookChat {
  id: string;
  status: 'queued' | 'offered' | 'active' | 'ended';
  queue: { id: string; slug: string; name: string };
  customer: { name: string; answers: { label: string; value: string }[] };
  queuedAt: string;
  acceptedAt: string | null;
  endedAt: string | null;
  endedBy: string | null;
  agent: { id: string; name: string } | null;
}

/** The `transfer` of chat.transferred. */
export interface WebhookTransfer {
  id: string;
  from: { id: string; name: string };
  to: { kind: 'agent' | 'queue'; id: string; name: string };
  note: string;
}
