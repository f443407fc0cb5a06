/** The End Chat confirmation (web/shared/ConfirmModal.tsx), fetched when first asked for or while the page is idle (lazyModule.ts). */
import type { ComponentProps } from 'preact';
import type * as ConfirmModalModule from '../../shared/ConfirmModal.js';
import { lazyModule } from '../lazyModule.js';

export const confirmModal = lazyModule<typeof ConfirmModalModule>(() => import('../../shared/ConfirmModal.js'));

export function LazyConfirmModal(props: ComponentProps<typeof ConfirmModalModule.ConfirmModal>) {
  const module = confirmModal.use();
  return module ? <module.ConfirmModal {...props} /> : null;
}
