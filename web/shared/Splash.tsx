/** Full-page placeholder while the session loads, or when it could not. */
import { SESSION_WORDS as W } from './sessionWords.js';

export interface SplashProps {
  error?: string;
  onRetry?: () => void;
  /** The page tries again by itself: said under the reason. */
  retrying?: boolean;
}

export function Splash({ error, onRetry, retrying }: SplashProps) {
  return (
    <main class="rc-splash">
      {error ? (
        <div class="rc-card rc-splash-card" role="alert">
          <p>{error}</p>
          {retrying && <p class="rc-muted">{W.retrying}</p>}
          {onRetry && (
            <button class="rc-btn rc-btn-secondary" type="button" onClick={onRetry}>
              {W.tryAgain}
            </button>
          )}
        </div>
      ) : (
        <p class="rc-muted" role="status">
          <span class="rc-spinner rc-spinner-dark" aria-hidden="true" /> {W.loading}
        </p>
      )}
    </main>
  );
}
