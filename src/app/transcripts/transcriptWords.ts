/**
 * The words of a transcript file or mail around its lines, in each language the customer page speaks.
 * System lines come from the same catalogs the customer page uses (src/protocol/systemLines*.ts), so a
 * French reader's transcript says what their screen said.
 */
import type { TranscriptLanguage } from '../../protocol/afterChat.js';
import { customerLines, type CustomerLineCatalog } from '../../protocol/systemLines.js';
import { SYSTEM_LINES_EN } from '../../protocol/systemLinesEn.js';
import { SYSTEM_LINES_ES } from '../../protocol/systemLinesEs.js';
import { SYSTEM_LINES_FR } from '../../protocol/systemLinesFr.js';

export interface TranscriptWords {
  title: string;
  queue: string;
  customer: string;
  agents: string;
  started: string;
  ended: string;
  /** The mail's subject: "{queue}" is the queue's name. */
  mailSubject: string;
  mailIntro: string;
  system: CustomerLineCatalog;
}

export const TRANSCRIPT_WORDS: Record<TranscriptLanguage, TranscriptWords> = {
  en: {
    title: 'Chat transcript',
    queue: 'Queue',
    customer: 'Customer',
    agents: 'Agent',
    started: 'Started',
    ended: 'Ended',
    mailSubject: 'Your chat with {queue}',
    mailIntro: 'Here is the transcript of your chat, as you asked.',
    system: customerLines(SYSTEM_LINES_EN),
  },
  fr: {
    title: 'Transcription de la discussion',
    queue: 'File',
    customer: 'Client',
    agents: 'Conseiller',
    started: 'Début',
    ended: 'Fin',
    mailSubject: 'Votre discussion avec {queue}',
    mailIntro: 'Voici la transcription de votre discussion, comme demandé.',
    system: SYSTEM_LINES_FR,
  },
  es: {
    title: 'Transcripción del chat',
    queue: 'Cola',
    customer: 'Cliente',
    agents: 'Agente',
    started: 'Inicio',
    ended: 'Fin',
    mailSubject: 'Su chat con {queue}',
    mailIntro: 'Aquí tiene la transcripción de su chat, como pidió.',
    system: SYSTEM_LINES_ES,
  },
};
