/**
 * A part of the customer page fetched on first use, as a chunk of its own: the page's first load
 * carries none of it (its JavaScript budget, docs/ARCHITECTURE.md). A fetch that fails (a network
 * that dropped for a moment) is not remembered: the next use, or the hook's retry, fetches again.
 */
import { useEffect, useState } from 'preact/hooks';

const RETRY_MS = 2000;

export interface LazyModule<M> {
  /** Fetches the chunk once; later calls share the fetch (or its result). */
  load(): Promise<M>;
  /** The module, or null until it is here; the component re-renders when it arrives, retrying while it cannot. */
  use(): M | null;
  /** Fetches it while the page is idle, so its first use shows at once. */
  prefetch(): void;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | null = null;
  let loading: Promise<M> | null = null;
  const load = (): Promise<M> =>
    (loading ??= importer().then(
      (module) => (loaded = module),
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));

  function use(): M | null {
    const [module, setModule] = useState<M | null>(loaded);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (module) return;
      let live = true;
      let retry: ReturnType<typeof setTimeout> | undefined;
      load().then(
        (m) => live && setModule(() => m),
        () => {
          if (live) retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_MS);
        },
      );
      return () => {
        live = false;
        clearTimeout(retry);
      };
    }, [module, attempt]);
    return module;
  }

  function prefetch(): void {
    const start = () => void load().catch(() => undefined);
    if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 5000 });
    else setTimeout(start, 1500);
  }

  return { load, use, prefetch };
}
