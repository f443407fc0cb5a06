/**
 * Webhooks: the client's endpoints (URL, description, events, on/off, the last
 * delivery's outcome), each with Edit, Send test, its signing secret (shown on
 * request, or replaced), Delete, and its delivery log (WebhookDeliveries).
 */
import { useEffect, useState } from 'preact/hooks';
import type { WebhookView } from '../../src/protocol/webhooks.js';
import { ApiError } from '../shared/http.js';
import { deleteWebhook, listWebhooks, revealWebhookSecret, rotateWebhookSecret, testWebhook } from './api.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { SecretShown } from './SecretShown.js';
import { WebhookDeliveries } from './WebhookDeliveries.js';
import { WebhookDialog } from './WebhookDialog.js';
import { EVENT_WORDS, STATUS_WORDS, WEBHOOK_WORDS as W } from './webhookWords.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

type Dialog = { kind: 'add' } | { kind: 'edit' | 'delete' | 'rotate'; hook: WebhookView } | { kind: 'secret'; secret: string };

export function WebhooksPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [hooks, setHooks] = useState<WebhookView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  const failed = (cause: unknown, fallback: string) => {
    if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
    setError(cause instanceof Error ? cause.message : fallback);
  };
  const signedOut = (cause: unknown) => {
    if (!(cause instanceof ApiError && cause.status === 401)) return false;
    onUnauthorized();
    return true;
  };

  const loadHooks = () => listWebhooks().then((r) => setHooks(r.webhooks), (cause: unknown) => failed(cause, W.loadFailed));
  useEffect(() => void loadHooks(), []);

  const saved = (hook: WebhookView) => setHooks((list) => (list?.some((h) => h.id === hook.id) ? list.map((h) => (h.id === hook.id ? hook : h)) : [...(list ?? []), hook]));

  const test = async (hook: WebhookView) => {
    setError(null);
    try {
      await testWebhook(hook.id);
      setDone(W.testSent);
      setOpen(hook.id);
      setReload((n) => n + 1);
    } catch (cause) {
      failed(cause, W.loadFailed);
    }
  };
  const reveal = async (hook: WebhookView) => {
    try {
      setDialog({ kind: 'secret', secret: (await revealWebhookSecret(hook.id)).secret });
    } catch (cause) {
      failed(cause, W.loadFailed);
    }
  };

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">
            {W.intro}{' '}
            <a href="/docs#/webhooks" target="_blank" rel="noopener">
              {W.docsLink}
            </a>
          </p>
        </div>
        <button type="button" class="rc-btn rc-btn-primary" onClick={() => setDialog({ kind: 'add' })}>
          {W.add}
        </button>
      </header>
      {done && (
        <p class="rc-alert rc-alert-success" role="status">
          {done}
        </p>
      )}
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!hooks && !error && <p class="rc-muted">{W.loading}</p>}
      {hooks && hooks.length === 0 && (
        <div class="rc-card empty-card">
          <p>{W.none}</p>
        </div>
      )}
      {hooks?.map((hook) => (
        <section key={hook.id} class="rc-card page-card webhook-card" aria-label={hook.url}>
          <div class="webhook-head">
            <div class="webhook-id">
              <p class="webhook-url">
                <code>{hook.url}</code> <span class={`rc-badge ${hook.active ? 'rc-badge-success' : 'rc-badge-warning'}`}>{hook.active ? W.on : W.off}</span>
              </p>
              {hook.description && <p class="rc-muted webhook-description">{hook.description}</p>}
              <p class="token-badges webhook-events">
                {hook.events.map((e) => (
                  <span key={e} class="rc-badge rc-badge-brand" title={EVENT_WORDS[e].hint}>
                    {EVENT_WORDS[e].label}
                  </span>
                ))}
              </p>
              <p class="rc-hint webhook-last">
                {W.lastDelivery}:{' '}
                {hook.lastDelivery ? (
                  <>
                    <span class={`rc-badge ${STATUS_WORDS[hook.lastDelivery.status].badge}`}>{STATUS_WORDS[hook.lastDelivery.status].label}</span> {when(hook.lastDelivery.at)}
                  </>
                ) : (
                  W.never
                )}
              </p>
            </div>
            <div class="webhook-actions">
              <button type="button" class="rc-btn rc-btn-secondary rc-btn-sm" aria-label={W.testLabel(hook.url)} onClick={() => void test(hook)}>
                {W.test}
              </button>
              <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" aria-label={W.editLabel(hook.url)} onClick={() => setDialog({ kind: 'edit', hook })}>
                {W.edit}
              </button>
              <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => void reveal(hook)}>
                {W.showSecret}
              </button>
              <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm" onClick={() => setDialog({ kind: 'rotate', hook })}>
                {W.rotate}
              </button>
              <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm text-danger" aria-label={W.deleteLabel(hook.url)} onClick={() => setDialog({ kind: 'delete', hook })}>
                {W.delete}
              </button>
            </div>
          </div>
          <button
            type="button"
            class="rc-btn rc-btn-ghost rc-btn-sm webhook-toggle"
            aria-expanded={open === hook.id}
            aria-controls={`deliveries-${hook.id}`}
            onClick={() => setOpen((id) => (id === hook.id ? null : hook.id))}
          >
            {W.deliveries} {open === hook.id ? '▴' : '▾'}
          </button>
          {open === hook.id && (
            <div id={`deliveries-${hook.id}`}>
              <WebhookDeliveries webhookId={hook.id} reloadKey={reload} onSettled={() => void loadHooks()} onUnauthorized={onUnauthorized} />
            </div>
          )}
        </section>
      ))}
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && (
        <WebhookDialog webhook={dialog.kind === 'edit' ? dialog.hook : undefined} onSaved={saved} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'secret' && <SecretShown title={W.secretTitle} label={W.secretLabel} secret={dialog.secret} warning={W.secretWarning} words={W} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'rotate' && (
        <ConfirmDialog
          title={W.rotateTitle}
          confirmLabel={W.rotate}
          failure={W.rotateFailed}
          action={async () => setDialog({ kind: 'secret', secret: (await rotateWebhookSecret(dialog.hook.id)).secret })}
          onError={signedOut}
          onClose={() => setDialog(null)}
        >
          <p>{W.rotateBody}</p>
        </ConfirmDialog>
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={W.deleteTitle}
          confirmLabel={W.delete}
          failure={W.deleteFailed}
          action={async () => {
            await deleteWebhook(dialog.hook.id);
            setHooks((list) => list?.filter((h) => h.id !== dialog.hook.id) ?? list);
            setDone(W.deleted);
            setDialog(null);
          }}
          onError={signedOut}
          onClose={() => setDialog(null)}
        >
          <p>{W.deleteBody(dialog.hook.url)}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
