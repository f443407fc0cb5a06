/** The words of the portal's People page (English), kept apart from its code so they can be translated as a whole. */
import type { PersonView } from '../../src/protocol/admin.js';

export const PEOPLE_WORDS = {
  nav: 'People',
  title: 'People',
  intro: 'Agents answer chats; supervisors and admins sign in to the console and this portal.',
  add: '+ Add person',
  loading: 'Loading…',
  loadFailed: 'Could not load the people.',
  changeFailed: 'Could not change the account.',
  columns: { name: 'Name', role: 'Role', capacity: 'Capacity', queues: 'Queues', status: 'Status', actions: 'Actions' },
  /** After the signed-in admin's own name. */
  you: ' (you)',
  capacity: (chats: number) => `${chats} at once`,
  status: { available: 'Available', away: 'Away', offline: 'Offline' } satisfies Record<PersonView['status'], string>,
  deactivated: 'Deactivated',
  edit: 'Edit',
  editLabel: (name: string) => `Edit ${name}`,
  resetPassword: 'Reset password',
  resetPasswordLabel: (name: string) => `Reset password of ${name}`,
  deactivate: 'Deactivate',
  deactivateLabel: (name: string) => `Deactivate ${name}`,
  activate: 'Activate',
  activateLabel: (name: string) => `Activate ${name}`,
  added: (name: string) => `${name} was added. They can sign in now.`,
  saved: (name: string) => `${name} was saved.`,
  activated: (name: string) => `${name} can sign in again.`,
  deactivatedNotice: (name: string) => `${name} was deactivated. Their open chats went back to the queue.`,
  deactivateTitle: (name: string) => `Deactivate ${name}?`,
  deactivateBody: 'They are signed out at once and cannot sign in. Chats offered to them or in progress go back to the queue, keeping their place in line.',
  cancel: 'Cancel',
  deactivateConfirm: 'Deactivate',
} as const;
