/**
 * The system lines customers read, in Spanish: the customer page's es catalog uses them, and the
 * server renders emailed and downloaded transcripts with them (src/app/transcripts/). A module of its
 * own so that only Spanish readers' pages carry it.
 */
import type { CustomerLineCatalog } from './systemLines.js';

export const SYSTEM_LINES_ES: CustomerLineCatalog = {
  queued: 'Está esperando al próximo agente disponible.',
  agent_joined: '{name} se ha unido al chat',
  agent_left: '{name} ha salido del chat',
  agent_disconnected: 'Se perdió la conexión con {name}; le estamos conectando con otro agente',
  agent_removed: '{name} ya no está disponible; le estamos conectando con otro agente',
  you_left: 'Ha salido del chat.',
  inactivity_warning: 'Este chat se cerrará en {duration} si no hay mensajes nuevos.',
  inactivity_closed: 'El chat se cerró tras {duration} sin mensajes.',
  ended_by_admin: 'Un administrador finalizó este chat',
  transferred: '{from} le transfirió a {to}',
  ended: 'El chat ha finalizado.',
  chat_closed: 'Este chat se cerró.',
  seconds: { one: '{count} segundo', other: '{count} segundos' },
  minutes: { one: '{count} minuto', other: '{count} minutos' },
};
