/** The after-chat panel in French (same keys as afterEn.ts). */
import type { AfterWords } from './afterEn.js';

export const fr: AfterWords = {
  surveyTitle: 'Comment s’est passée votre discussion ?',
  ratingLegend: 'Votre note',
  ratings: ['1 étoile : mauvais', '2 étoiles : passable', '3 étoiles : bien', '4 étoiles : très bien', '5 étoiles : excellent'],
  comment: 'Commentaire (facultatif)',
  commentHint: '{n} caractères au maximum.',
  submit: 'Envoyer la note',
  chooseRating: 'Choisissez une note de 1 à 5 étoiles.',
  thanks: 'Merci pour votre avis.',
  alreadyRated: 'Vous avez déjà noté cette discussion. Merci !',
  transcriptTitle: 'Votre transcription',
  downloadText: 'Télécharger en texte',
  downloadHtml: 'Télécharger en page web',
  email: 'Adresse e-mail',
  sendEmail: 'M’envoyer la transcription',
  emailInvalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.com.',
  emailQueued: 'La transcription est en route vers {email}.',
  failed: 'Cela n’a pas fonctionné. Veuillez réessayer.',
};
