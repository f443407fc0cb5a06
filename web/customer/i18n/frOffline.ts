/** The words of the closed screen and the offline forms in French (same keys as enOffline.ts; loaded with those screens). */
import type { OfflineCatalog } from './catalog.js';

export const frOffline: OfflineCatalog = {
  closed: {
    closedTitle: 'Cette file d’attente est fermée',
    noAgentsTitle: 'Aucun conseiller n’est disponible pour le moment',
    queueFullTitle: 'Trop de clients attendent en ce moment',
    queueFullText: 'Veuillez réessayer dans quelques minutes.',
    hoursTitle: 'Horaires d’ouverture',
    timesIn: 'Heures du fuseau {zone}',
    specialDays: 'Jours fériés et horaires exceptionnels',
    closedDay: 'Fermé',
    nextDay: '(le lendemain)',
    opensNext: 'Prochaine ouverture\u00a0:',
  },
  offline: {
    leaveTitle: 'Laisser un message',
    leaveIntro: 'Écrivez-nous et un conseiller vous répondra par e-mail.',
    leaveSubmit: 'Envoyer le message',
    leaveSuccess: 'Merci — votre message a été envoyé. Un conseiller vous répondra par e-mail.',
    callbackTitle: 'Demander à être rappelé',
    callbackIntro: 'Laissez votre numéro et un conseiller vous rappellera.',
    callbackSubmit: 'Demander un rappel',
    callbackSuccess: 'Merci — nous vous rappellerons.',
    email: 'Adresse e-mail',
    emailPlaceholder: 'nom@exemple.com',
    message: 'Message',
    messagePlaceholder: 'Comment pouvons-nous vous aider\u00a0?',
    name: 'Nom',
    phone: 'Numéro de téléphone',
    phonePlaceholder: '+33 6 12 34 56 78',
    preferredTime: 'Moment souhaité',
    preferredTimePlaceholder: 'Demain après 14 h',
  },
};
