/**
 * The closed screen and the offline options (leave a message, ask for a callback, the hours): a chunk
 * of their own (lazyModule.ts). Most customers chat and never see them; those who do — a closed queue,
 * or a wait that became too long — get them one fetch later, or at once once the page has prefetched them.
 */
import type { ComponentProps } from 'preact';
import { prepareOfflineWords } from '../i18n/index.js';
import { lazyModule } from '../lazyModule.js';
import type * as OfflineScreensModule from './offlineScreens.js';

type Screens = typeof OfflineScreensModule;

// The screens and their words travel together: neither is in the page's first load.
export const offlineScreens = lazyModule<Screens>(() => Promise.all([import('./offlineScreens.js'), prepareOfflineWords()]).then(([screens]) => screens));

export function LazyClosed(props: ComponentProps<Screens['Closed']>) {
  const screens = offlineScreens.use();
  return screens ? <screens.Closed {...props} /> : null;
}

export function LazyHours(props: ComponentProps<Screens['Hours']>) {
  const screens = offlineScreens.use();
  return screens ? <screens.Hours {...props} /> : null;
}

export function LazyOfflineOptions(props: ComponentProps<Screens['OfflineOptions']>) {
  const screens = offlineScreens.use();
  return screens ? <screens.OfflineOptions {...props} /> : null;
}

export function LazyLeftLine(props: ComponentProps<Screens['LeftLine']>) {
  const screens = offlineScreens.use();
  return screens ? <screens.LeftLine {...props} /> : null;
}

export function LazyWaitingOfflinePanel(props: ComponentProps<Screens['WaitingOfflinePanel']>) {
  const screens = offlineScreens.use();
  return screens ? <screens.WaitingOfflinePanel {...props} /> : null;
}
