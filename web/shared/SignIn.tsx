/** The sign-in card both apps show before anything else. */
import { useState } from 'preact/hooks';
import type { MeView } from '../../src/protocol/views.js';
import { ApiError } from './http.js';
import { login } from './session.js';
import { SIGN_IN_WORDS as W } from './signInWords.js';

export interface SignInProps {
  /** Heading on the card, e.g. "Agent console". */
  title: string;
  subtitle?: string;
  /** Shown above the form, e.g. why the person was signed out. */
  notice?: string | null;
  onSignedIn: (me: MeView) => void;
}

export function SignIn({ title, subtitle, notice, onSignedIn }: SignInProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await login({ email: email.trim(), password }));
    } catch (cause) {
      setError(cause instanceof ApiError || cause instanceof Error ? cause.message : W.failed);
      setBusy(false);
    }
  }

  return (
    <main class="rc-signin">
      <div class="rc-signin-card rc-card">
        <div class="rc-brandmark" aria-hidden="true">
          <span class="rc-brandmark-dot" />
          {W.brand}
        </div>
        <h1 class="rc-signin-title">{title}</h1>
        <p class="rc-signin-subtitle">{subtitle ?? W.subtitle}</p>
        {notice && (
          <p class="rc-alert rc-alert-info" role="status">
            {notice}
          </p>
        )}
        <form class="rc-form" onSubmit={submit} noValidate aria-busy={busy}>
          <div class="rc-field">
            <label class="rc-label" for="rc-signin-email">
              {W.email}
            </label>
            <input
              id="rc-signin-email"
              class="rc-input"
              type="email"
              name="email"
              autocomplete="username"
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
              autofocus
            />
          </div>
          <div class="rc-field">
            <label class="rc-label" for="rc-signin-password">
              {W.password}
            </label>
            <input
              id="rc-signin-password"
              class="rc-input"
              type="password"
              name="password"
              autocomplete="current-password"
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          </div>
          <button class="rc-btn rc-btn-primary rc-btn-block" type="submit" disabled={busy}>
            {busy && <span class="rc-spinner" aria-hidden="true" />}
            {W.submit}
          </button>
          {error && (
            <p class="rc-alert rc-alert-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </div>
    </main>
  );
}
