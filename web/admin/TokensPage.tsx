/**
 * API tokens: the client's tokens (name, scopes, created, last used, created
 * by), a new one (its secret shown once, TokenDialog), and Revoke.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ApiTokenView } from '../../src/protocol/admin.js';
import { ApiError } from '../shared/http.js';
import { listApiTokens, revokeApiToken } from './api.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { TokenDialog } from './TokenDialog.js';
import { SCOPE_WORDS, TOKEN_WORDS as W } from './tokenWords.js';

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

export function TokensPage({ onUnauthorized }: { onUnauthorized: () => void }) {
  const [tokens, setTokens] = useState<ApiTokenView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    listApiTokens().then(setTokens, (cause: unknown) => {
      if (cause instanceof ApiError && cause.status === 401) return onUnauthorized();
      setError(cause instanceof Error ? cause.message : W.loadFailed);
    });
  }, []);

  return (
    <div class="page page-wide">
      <header class="page-head page-head-row">
        <div>
          <h1 class="page-title">{W.title}</h1>
          <p class="rc-muted">
            {W.intro}{' '}
            <a href="/docs" target="_blank" rel="noopener">
              {W.docsLink}
            </a>
          </p>
        </div>
        <button type="button" class="rc-btn rc-btn-primary" onClick={() => setCreating(true)}>
          {W.newToken}
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
      {!tokens && !error && <p class="rc-muted">{W.loading}</p>}
      {tokens && tokens.length === 0 && (
        <div class="rc-card empty-card">
          <p>{W.none}</p>
        </div>
      )}
      {tokens && tokens.length > 0 && (
        <div class="rc-card page-card">
          <table class="people-table tokens-table">
            <thead>
              <tr>
                <th scope="col">{W.columns.name}</th>
                <th scope="col">{W.columns.scopes}</th>
                <th scope="col">{W.columns.created}</th>
                <th scope="col">{W.columns.lastUsed}</th>
                <th scope="col">{W.columns.createdBy}</th>
                <th scope="col">
                  <span class="rc-sr-only">{W.columns.actions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td class="token-name">{t.name}</td>
                  <td>
                    <span class="token-badges">
                      {t.scopes.map((s) => (
                        <span key={s} class="rc-badge rc-badge-brand" title={SCOPE_WORDS[s].hint}>
                          {SCOPE_WORDS[s].label}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td class="audit-when">{when(t.createdAt)}</td>
                  <td class="audit-when">{t.lastUsedAt ? when(t.lastUsedAt) : <span class="rc-muted">{W.neverUsed}</span>}</td>
                  <td>{t.createdByName}</td>
                  <td class="person-actions">
                    <button type="button" class="rc-btn rc-btn-ghost rc-btn-sm text-danger" aria-label={W.revokeLabel(t.name)} onClick={() => setRevoking(t)}>
                      {W.revoke}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && (
        <TokenDialog
          onCreated={(token) => {
            const { secret: _shownOnce, ...view } = token;
            setTokens((list) => [view, ...(list ?? [])]);
            setDone(null);
          }}
          onClose={() => setCreating(false)}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={W.revokeTitle(revoking.name)}
          confirmLabel={W.revoke}
          failure={W.revokeFailed}
          action={async () => {
            await revokeApiToken(revoking.id);
            setTokens((list) => list?.filter((t) => t.id !== revoking.id) ?? list);
            setDone(W.revoked(revoking.name));
            setRevoking(null);
          }}
          onError={(cause) => {
            if (!(cause instanceof ApiError && cause.status === 401)) return false;
            onUnauthorized();
            return true;
          }}
          onClose={() => setRevoking(null)}
        >
          <p>{W.revokeBody}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
