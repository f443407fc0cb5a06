/** Full-page placeholder while the session loads, or when it could not. */
export interface SplashProps {
  error?: string;
  onRetry?: () => void;
}

export function Splash({ error, onRetry }: SplashProps) {
  return (
    <main class="rc-splash">
      {error ? (
        <div class="rc-card rc-splash-card" role="alert">
          <p>{error}</p>
          {onRetry && (
            <button class="rc-btn rc-btn-secondary" type="button" onClick={onRetry}>
              Try again
            </button>
          )}
        </div>
      ) : (
        <p class="rc-muted" role="status">
          <span class="rc-spinner rc-spinner-dark" aria-hidden="true" /> Loading…
        </p>
      )}
    </main>
  );
}
