/**
 * Back in line after a conversation (WaitingAgain.tsx): rare (an agent vanished or was transferred away),
 * so a chunk of its own (lazyModule.ts), prefetched once a chat is on screen.
 */
import type { ComponentProps } from 'preact';
import { lazyModule } from '../lazyModule.js';
import type * as WaitingAgainModule from './WaitingAgain.js';

export const waitingAgain = lazyModule<typeof WaitingAgainModule>(() => import('./WaitingAgain.js'));

export function LazyWaitingAgain(props: ComponentProps<typeof WaitingAgainModule.WaitingAgain>) {
  const module = waitingAgain.use();
  return module ? <module.WaitingAgain {...props} /> : null;
}
