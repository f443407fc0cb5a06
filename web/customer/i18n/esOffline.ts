/** The words of the closed screen and the offline forms in Spanish (same keys as enOffline.ts; loaded with those screens). */
import type { OfflineCatalog } from './catalog.js';

export const esOffline: OfflineCatalog = {
  closed: {
    closedTitle: 'Esta cola está cerrada',
    noAgentsTitle: 'No hay agentes disponibles para chatear en este momento',
    queueFullTitle: 'Hay demasiados clientes esperando en este momento',
    queueFullText: 'Inténtelo de nuevo en unos minutos.',
    hoursTitle: 'Horario de atención',
    timesIn: 'Horas en {zone}',
    specialDays: 'Festivos y días especiales',
    closedDay: 'Cerrado',
    nextDay: '(día siguiente)',
    opensNext: 'Próxima apertura:',
  },
  offline: {
    leaveTitle: 'Dejar un mensaje',
    leaveIntro: 'Escríbanos y un agente le responderá por correo electrónico.',
    leaveSubmit: 'Enviar mensaje',
    leaveSuccess: 'Gracias: su mensaje se ha enviado. Un agente le responderá por correo electrónico.',
    callbackTitle: 'Solicitar una llamada',
    callbackIntro: 'Déjenos su número y un agente le devolverá la llamada.',
    callbackSubmit: 'Solicitar llamada',
    callbackSuccess: 'Gracias: le devolveremos la llamada.',
    email: 'Correo electrónico',
    emailPlaceholder: 'nombre@ejemplo.com',
    message: 'Mensaje',
    messagePlaceholder: '¿En qué podemos ayudarle?',
    name: 'Nombre',
    phone: 'Número de teléfono',
    phonePlaceholder: '+34 612 345 678',
    preferredTime: 'Horario preferido',
    preferredTimePlaceholder: 'Mañana después de las 14:00',
  },
};
