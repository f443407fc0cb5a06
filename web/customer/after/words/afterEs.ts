/** The after-chat panel in Spanish (same keys as afterEn.ts). */
import type { AfterWords } from './afterEn.js';

export const es: AfterWords = {
  surveyTitle: '¿Qué tal fue su chat?',
  ratingLegend: 'Su valoración',
  ratings: ['1 estrella: mala', '2 estrellas: regular', '3 estrellas: buena', '4 estrellas: muy buena', '5 estrellas: excelente'],
  comment: 'Comentario (opcional)',
  commentHint: 'Como máximo {n} caracteres.',
  submit: 'Enviar valoración',
  chooseRating: 'Elija una valoración de 1 a 5 estrellas.',
  thanks: 'Gracias por su opinión.',
  alreadyRated: 'Ya valoró este chat. ¡Gracias!',
  transcriptTitle: 'Su transcripción',
  downloadText: 'Descargar como texto',
  downloadHtml: 'Descargar como página web',
  email: 'Correo electrónico',
  sendEmail: 'Enviarme la transcripción',
  emailInvalid: 'Introduzca un correo electrónico válido, por ejemplo nombre@ejemplo.com.',
  emailQueued: 'La transcripción va de camino a {email}.',
  failed: 'No ha funcionado. Inténtelo de nuevo.',
};
