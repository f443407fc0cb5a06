/**
 * The system lines customers read, in French: the customer page's fr catalog uses them, and the
 * server renders emailed and downloaded transcripts with them (src/app/transcripts/). A module of its
 * own so that only French readers' pages carry it.
 */
import type { CustomerLineCatalog } from './systemLines.js';

export const SYSTEM_LINES_FR: CustomerLineCatalog = {
  queued: 'Vous êtes en attente du prochain conseiller disponible.',
  agent_joined: '{name} a rejoint la discussion',
  agent_left: '{name} a quitté la discussion',
  agent_disconnected: 'La connexion avec {name} a été perdue — nous vous mettons en relation avec un autre conseiller',
  agent_removed: '{name} n’est plus disponible — nous vous mettons en relation avec un autre conseiller',
  you_left: 'Vous avez quitté la discussion.',
  inactivity_warning: 'Cette discussion sera fermée dans {duration} sans nouveau message.',
  inactivity_closed: 'La discussion a été fermée après {duration} sans message.',
  ended_by_admin: 'Cette discussion a été terminée par un administrateur',
  transferred: '{from} vous a transféré vers {to}',
  ended: 'La discussion est terminée.',
  chat_closed: 'Cette discussion a été fermée.',
  seconds: { one: '{count} seconde', other: '{count} secondes' },
  minutes: { one: '{count} minute', other: '{count} minutes' },
};
