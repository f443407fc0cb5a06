/** The words of a file in the chat and of sending one in French (same keys as enFiles.ts; loaded with the file chunk). */
import type { FilesCatalog } from './catalog.js';

export const frFiles: FilesCatalog = {
  fileUi: {
    sending: 'Envoi de {name}…',
    refusedOff: 'Les fichiers ne peuvent pas être envoyés dans cette discussion.',
    refusedEmpty: 'Ce fichier est vide.',
    refusedTooBig: 'Ce fichier dépasse {max}.',
    refusedType: 'Seuls les images (PNG, JPEG, GIF, WebP) et les fichiers PDF peuvent être envoyés.',
    refusedMarkup: 'Ce fichier est un document (SVG ou HTML), pas une image\u00a0: il ne peut pas être envoyé.',
    refusedUnreadable: 'Cette image est illisible. Essayez un autre fichier.',
    refusedMany: 'Vous avez envoyé trop de fichiers. Patientez quelques minutes et réessayez.',
    notSent: '{name} n’a pas été envoyé\u00a0: {reason}',
    openImage: 'Ouvrir {name} en grand',
    download: 'Télécharger {name}',
    close: 'Fermer',
    unavailable: 'Ce fichier n’est plus disponible.',
  },
};
