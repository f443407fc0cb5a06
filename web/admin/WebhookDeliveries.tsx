/**
 * A webhook's delivery log: the newest deliveries with their status, attempts,
 * the receiver's answer or the error, and Send again. While a delivery is on
 * its way the log refreshes itself every second (for at most a minute).
 */
import { useEffect, useState } from 'preact/hooks';
import type { WebhookDeliveryView } from '../../src/protocol/webhooks.js';
import { ApiError } from '../shared/http.js';
import { listWebhookDeliveries, redeliverWebhook } from './api.js';
import { EVENT_WORDS, STATUS_WORDS, WEBHOOK_WORDS as W } from './webhookWords.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const REFRESH_MS = 1000;
const REFRESH_FOR_MS = 60_000;

interface WebhookDeliveriesProps {
  webhookId: string;
  /** Changes when something was just sent (a test): the log reloads and follows it. */
  reloadKey: number;
  /** Called when the log has settled (nothing queued or sending), so the card's "last delivery" can follow. */
  onSettled?: () => void;
  onUnauthorized: () => void;
}

export function WebhookDeliveries({ webhookId, reloadKey, onSettled, onUnauthorized }: WebhookDeliveriesProps) {
  const [deliveries, setDeliveries] = useState<WebhookDeliveryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  const load = () =>
    listWebhookDeliveries(webhookId).then(
      (list) => {
        setDeliveries(list);
        setError(null);
        return list;
      },
      (cause: unknown) => {
        if (cause instanceof ApiError && cause.status === 401) onUnauthorized();
        else setError(cause instanceof Error ? cause.message : W.deliveriesFailed);
        return null;
      },
    );

  useEffect(() => {
    let stopped = false;
    const until = Date.now() + REFRESH_FOR_MS;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const follow = async () => {
      const list = await load();
      const moving = list?.some((d) => d.status === 'queued' || d.status === 'sending');
      if (!stopped && moving && Date.now() < until) timer = setTimeout(() => void follow(), REFRESH_MS);
      else if (!stopped && list) onSettled?.();
    };
    void follow();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [webhookId, reloadKey, tick]);

  const again = async (d: WebhookDeliveryView) => {
    try {
      await redeliverWebhook(webhookId, d.id);
      setTick((t) => t + 1);
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : W.deliveriesFailed);
    }
  };

  return (
    <div class="webhook-deliveries">
      <div class="webhook-deliveries-head">
        <h3 class="webhook-deliveries-title">{W.deliveries}</h3>
        <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => setTick((t) => t + 1)}>
          {W.refresh}
        </button>
      </div>
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {deliveries && deliveries.length === 0 && <p class="rc-muted">{W.noDeliveries}</p>}
      {deliveries && deliveries.length > 0 && (
        <table class="people-table webhook-log">
          <thead>
            <tr>
              <th scope="col">{W.columns.when}</th>
              <th scope="col">{W.columns.event}</th>
              <th scope="col">{W.columns.status}</th>
              <th scope="col">{W.columns.attempts}</th>
              <th scope="col">{W.columns.answer}</th>
              <th scope="col">
                <span class="rc-sr-only">{W.columns.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td class="audit-when">{when(d.createdAt)}</td>
                <td>
                  <code class="token-scope-id">{d.event}</code>
                  <span class="rc-sr-only"> {EVENT_WORDS[d.event].label}</span>
                </td>
                <td>
                  <span class={`rc-badge ${STATUS_WORDS[d.status].badge}`}>{STATUS_WORDS[d.status].label}</span>
                  {d.nextAttemptAt && <span class="rc-hint webhook-next"> {W.nextTry(when(d.nextAttemptAt))}</span>}
                </td>
                <td>{d.attempts}</td>
                <td class="webhook-answer">{d.httpStatus ? W.httpStatus(d.httpStatus) : ''}{d.lastError ? <span class="rc-hint"> {d.lastError}</span> : d.httpStatus ? '' : <span class="rc-muted">{d.status === 'queued' ? '' : W.noAnswer}</span>}</td>
                <td class="person-actions">
                  {(d.status === 'failed' || d.status === 'sent') && (
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.sendAgainLabel(d.event, when(d.createdAt))} onClick={() => void again(d)}>
                      {W.sendAgain}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
