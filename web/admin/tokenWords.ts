/** The words of the API tokens page (English), kept apart from its code so they can be translated as a whole. */
import type { ApiTokenScope } from '../../src/protocol/admin.js';

export const TOKEN_WORDS = {
  nav: 'API tokens',
  title: 'API tokens',
  intro: 'Your servers call the REST API with a token: send it as “Authorization: Bearer <token>”. Each token opens only what its scopes allow, and only for your company. Creating and revoking are recorded in the audit log.',
  docsLink: 'API reference',
  newToken: 'New token',
  loading: 'Loading…',
  loadFailed: 'Could not load the API tokens.',
  none: 'No API tokens yet. Create one for each system that calls the API, so that you can revoke one without stopping the others.',
  columns: { name: 'Name', scopes: 'Scopes', created: 'Created', lastUsed: 'Last used', createdBy: 'Created by', actions: 'Actions' },
  neverUsed: 'Never',
  revoke: 'Revoke',
  revokeLabel: (name: string) => `Revoke ${name}`,
  revokeTitle: (name: string) => `Revoke the token “${name}”?`,
  revokeBody: 'Every call made with it is refused from now on, on every server. This cannot be undone: a system that still needs access gets a new token.',
  revokeFailed: 'Could not revoke the token.',
  revoked: (name: string) => `The token “${name}” was revoked.`,
  createTitle: 'New API token',
  nameLabel: 'Name',
  nameHint: 'What uses it, e.g. “CRM sync” or “Reporting server”.',
  scopesLegend: 'Scopes',
  scopesHint: 'Give it only what it needs.',
  create: 'Create token',
  cancel: 'Cancel',
  createdTitle: 'Copy your new token',
  secretLabel: 'Token',
  secretWarning: 'This is the only time the token is shown. Store it in your system’s secret store now; if it is lost, revoke it and create another.',
  copy: 'Copy',
  copied: 'Copied!',
  copyFailed: 'Could not copy automatically. The token is selected: press Ctrl+C (⌘C on Mac).',
  done: 'Done',
} as const;

export const SCOPE_WORDS: Record<ApiTokenScope, { label: string; hint: string }> = {
  'chats:read': { label: 'Read chats', hint: 'Chats in progress, past chats and their transcripts, left messages and callback requests.' },
  'queues:read': { label: 'Read queues', hint: 'Queues and all their settings.' },
  'queues:write': { label: 'Manage queues', hint: 'Create, duplicate, delete and configure queues.' },
  'people:read': { label: 'Read people', hint: 'Agents, supervisors and admins, with their status.' },
};
