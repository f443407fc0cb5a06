/** Audit log: who changed what, and when, in this portal (newest first). */
import { useEffect, useState } from 'preact/hooks';
import type { AuditEntryView } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { listAudit } from './api.js';
import { AUDIT_WORDS as W } from './auditWords.js';

const ACTIONS: Record<string, string> = W.actions;
const FIELDS: Record<string, string> = W.fields;

const ENTITY_LABELS: Record<AuditEntryView['entityType'], string> = W.entities;

const DAYS: readonly string[] = W.days;

/** Intervals, form fields and special days read as words rather than JSON. */
function item(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const v = value as Record<string, unknown>;
  const range = (r: Record<string, unknown>) => `${String(r.start)}–${String(r.end)}${r.overnight ? W.nextDay : ''}`;
  if (typeof v.start === 'string') return `${typeof v.day === 'number' ? `${DAYS[v.day] ?? ''} ` : ''}${range(v)}`;
  if (typeof v.label === 'string' && typeof v.type === 'string') return `${v.label} (${v.type}${v.required ? W.required : ''})`;
  if (typeof v.date === 'string') {
    const ranges = Array.isArray(v.intervals) ? (v.intervals as Record<string, unknown>[]).map(range) : [];
    return `${v.date}${v.label ? ` ${String(v.label)}` : ''}: ${ranges.length ? ranges.join(', ') : W.closed}`;
  }
  return JSON.stringify(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? W.on : W.off;
  if (Array.isArray(value)) return value.length ? value.map(item).join('; ') : W.emptyList;
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
      setError(cause instanceof Error ? cause.message : W.loadFailed);
    });
  }, []);

  return (
    <div class="page page-wide">
      <header class="page-head">
        <h1 class="page-title">{W.title}</h1>
        <p class="rc-muted">{W.intro}</p>
      </header>
      {error && (
        <p class="rc-alert rc-alert-error" role="alert">
          {error}
        </p>
      )}
      {!entries && !error && <p class="rc-muted">{W.loading}</p>}
      {entries && entries.length === 0 && <p class="rc-muted">{W.none}</p>}
      {entries && entries.length > 0 && (
        <div class="rc-card page-card">
          <table class="audit-table">
            <thead>
              <tr>
                <th scope="col">{W.columns.when}</th>
                <th scope="col">{W.columns.who}</th>
                <th scope="col">{W.columns.what}</th>
                <th scope="col">{W.columns.changes}</th>
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
                            {FIELDS[c.path] ?? <code>{c.path}</code>}: <span class="audit-from">{show(c.from)}</span> → <span class="audit-to">{show(c.to)}</span>
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
