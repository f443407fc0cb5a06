/**
 * The closed screen and the offline options (leave a message, ask for a callback, the hours): a chunk
 * of their own (lazyModule.ts). Most customers chat and never see them; those who do — a closed queue,
 * or a wait that became too long — get them one fetch later, or at once once the page has prefetched them.
 */
import type { ComponentProps, FunctionComponent } from 'preact';
import { prepareOfflineWords } from '../i18n/index.js';
import { lazyModule } from '../lazyModule.js';
import type * as OfflineScreensModule from './offlineScreens.js';

type Screens = typeof OfflineScreensModule;

// The screens and their words travel together: neither is in the page's first load.
export const offlineScreens = lazyModule<Screens>(() => Promise.all([import('./offlineScreens.js'), prepareOfflineWords()]).then(([screens]) => screens));

/** A screen of the chunk, drawn once the chunk is there (nothing before: it is fetched on first use or when idle). */
function lazy<K extends keyof Screens, P extends object = ComponentProps<Screens[K]>>(name: K): FunctionComponent<P> {
  return (props) => {
    const Screen = offlineScreens.use()?.[name] as FunctionComponent<P> | undefined;
    return Screen ? <Screen {...props} /> : null;
  };
}

export const LazyClosed = lazy('Closed');
export const LazyLeftLine = lazy('LeftLine');
export const LazyWaitingOfflinePanel = lazy('WaitingOfflinePanel');
