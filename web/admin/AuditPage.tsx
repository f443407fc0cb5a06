/** Audit log: who changed what, and when, in this portal (newest first). */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEntryView } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { listAudit } from './api.js';

const ACTIONS: Record<string, string> = {
  'queue.created': 'Created queue',
  'queue.duplicated': 'Duplicated queue',
  'queue.deleted': 'Deleted queue',
  'queue.general': 'General Settings',
  'queue.data-collection': 'Data Collection',
  'queue.working-hours': 'Working Hours',
  'queue.offline': 'Offline Options',
  'queue.agents': 'Agents',
  'person.created': 'Added person',
  'person.updated': 'Edited person',
  'person.deactivated': 'Deactivated person',
  'person.activated': 'Activated person',
  'person.password_reset': 'Reset password',
  'person.picture_uploaded': 'New picture',
  'person.picture_removed': 'Removed picture',
  'customer.exported': 'Exported customer data',
  'customer.erased': 'Erased customer data',
  'mail.resent': 'Sent a failed mail again',
  'chat.ended': 'Ended chat',
  'api_token.created': 'Created API token',
  'api_token.revoked': 'Revoked API token',
  'webhook.created': 'Added webhook',
  'webhook.updated': 'Changed webhook',
  'webhook.deleted': 'Deleted webhook',
  'webhook.secret_rotated': 'Replaced webhook secret',
  'webhook.secret_revealed': 'Showed webhook secret',
  'canned_reply.created': 'Added canned reply',
  'canned_reply.updated': 'Changed canned reply',
  'canned_reply.deleted': 'Deleted canned reply',
};

const ENTITY_LABELS: Record<AuditEntryView['entityType'], string> = { queue: 'Queue', person: 'Person', customer: 'Customer', chat: 'Chat with', mail: 'Mail', api_token: 'API token', webhook: 'Webhook', canned_reply: 'Canned reply' };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Intervals, form fields and special days read as words rather than JSON. */
function item(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const v = value as Record<string, unknown>;
  const range = (r: Record<string, unknown>) => `${String(r.start)}–${String(r.end)}${r.overnight ? ' (next day)' : ''}`;
  if (typeof v.start === 'string') return `${typeof v.day === 'number' ? `${DAYS[v.day] ?? ''} ` : ''}${range(v)}`;
  if (typeof v.label === 'string' && typeof v.type === 'string') return `${v.label} (${v.type}${v.required ? ', required' : ''})`;
  if (typeof v.date === 'string') {
    const ranges = Array.isArray(v.intervals) ? (v.intervals as Record<string, unknown>[]).map(range) : [];
    return `${v.date}${v.label ? ` ${String(v.label)}` : ''}: ${ranges.length ? ranges.join(', ') : 'closed'}`;
  }
  return JSON.stringify(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) return value.length ? value.map(item).join('; ') : '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });

export function AuditPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [entries, setEntries] = useState<AuditEntryView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    listAudit().then(setEntries, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : 'Could not load the audit log.');
    });
  }, []);

  return (
    <div class="page page-wide">
      <header class="page-head">
        <h1 class="page-title">Audit log</h1>
        <p class="rc-muted">Every change made in this portal: who, when, and what changed. The latest 200.</p>
      </header>
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <p class="rc-muted">Loading…</p>}
      {entries && entries.length === 0 && <p class="rc-muted">No changes yet.</p>}
      {entries && entries.length > 0 && (
        <div class="rc-card page-card">
          <table class="audit-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Changes</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td class="audit-when">{when(e.at)}</td>
                  <td>{e.actorName}</td>
                  <td>
                    <span class="audit-action">{ACTIONS[e.action] ?? e.action}</span>
                    <span class="audit-entity">
                      {ENTITY_LABELS[e.entityType]} “{e.entityName}”
                    </span>
                  </td>
                  <td>
                    {e.changes.length === 0 ? (
                      <span class="rc-muted">—</span>
                    ) : (
                      <ul class="audit-changes">
                        {e.changes.map((c) => (
                          <li key={c.path}>
                            <code>{c.path}</code>: <span class="audit-from">{show(c.from)}</span> → <span class="audit-to">{show(c.to)}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
