/** The words of a file in the chat and of sending one in Spanish (same keys as enFiles.ts; loaded with the file chunk). */
import type { FilesCatalog } from './catalog.js';

export const esFiles: FilesCatalog = {
  fileUi: {
    sending: 'Enviando {name}…',
    refusedOff: 'No se pueden enviar archivos en este chat.',
    refusedEmpty: 'Este archivo está vacío.',
    refusedTooBig: 'Este archivo supera {max}.',
    refusedType: 'Solo se pueden enviar imágenes (PNG, JPEG, GIF, WebP) y archivos PDF.',
    refusedMarkup: 'Este archivo es un documento (SVG o HTML), no una imagen, así que no se puede enviar.',
    refusedUnreadable: 'No se pudo leer esta imagen. Pruebe con otro archivo.',
    refusedMany: 'Ha enviado demasiados archivos. Espere unos minutos y vuelva a intentarlo.',
    notSent: '{name} no se envió: {reason}',
    openImage: 'Abrir {name} a tamaño completo',
    download: 'Descargar {name}',
    close: 'Cerrar',
    unavailable: 'Este archivo ya no está disponible.',
  },
};
