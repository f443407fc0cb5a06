/**
 * Transcripts of ended chats: the customer downloads theirs (in their language) or has it mailed
 * through the outbox (store first: the mail row is written in its own transaction, then the answer,
 * then the worker is woken); staff download from their history in English.
 */
import { z } from 'zod';
import { isEmail } from '../../domain/dataCollection.js';
import { isTimeZone } from '../../domain/schedule.js';
import { TRANSCRIPT_FORMATS, TRANSCRIPT_LANGUAGES, type TranscriptLanguage } from '../../protocol/afterChat.js';
import type { Queryable } from '../../db/db.js';
import { fillTemplate, isWaitingLine } from '../../protocol/systemLines.js';
import { SYSTEM_LINES_EN } from '../../protocol/systemLinesEn.js';
import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import { agentsOf, chatEvents, chatForStaff, chatOfToken, type EndedChat, requireEnded, type StaffReader } from './chatAccess.js';
import { formatTime, type TranscriptInput, transcriptDocument, transcriptText } from './transcriptDocument.js';
import { TRANSCRIPT_WORDS } from './transcriptWords.js';

const timeZone = z.string().max(64).refine(isTimeZone, 'Unknown time zone; use an IANA name like Europe/Paris.').default('UTC');

export const CustomerTranscriptQuery = z.object({
  format: z.enum(TRANSCRIPT_FORMATS, 'Choose text or html.').default('text'),
  language: z.enum(TRANSCRIPT_LANGUAGES, 'Choose en, fr or es.').default('en'),
  timeZone,
});

export const StaffTranscriptQuery = z.object({ format: z.enum(TRANSCRIPT_FORMATS, 'Choose text or html.').default('text'), timeZone });

export const TranscriptMailInput = z.object({
  email: z.string().trim().max(254, 'At most 254 characters.').refine(isEmail, 'Enter a valid email address, like name@example.com.'),
  language: z.enum(TRANSCRIPT_LANGUAGES, 'Choose en, fr or es.').default('en'),
  timeZone,
});

const LOCALES: Record<TranscriptLanguage, string> = { en: 'en-GB', fr: 'fr-FR', es: 'es-ES' };

export interface TranscriptFile {
  fileName: string;
  contentType: string;
  body: string;
}

async function customerInput(db: Queryable, chat: EndedChat, language: TranscriptLanguage, zone: string): Promise<TranscriptInput> {
  const words = TRANSCRIPT_WORDS[language];
  const locale = LOCALES[language];
  const agents = await agentsOf(db, chat.id);
  return {
    head: {
      title: words.title,
      facts: [
        [words.queue, chat.queue_name],
        [words.customer, chat.customer_name],
        ...(agents.length ? [[words.agents, agents.map((a) => a.name).join(', ')] as [string, string]] : []),
        [words.started, formatTime(chat.queued_at, locale, zone)],
        ...(chat.ended_at ? [[words.ended, formatTime(chat.ended_at, locale, zone)] as [string, string]] : []),
      ],
    },
    // What the customer reads starts with the conversation, not with the waiting line (isWaitingLine).
    events: (await chatEvents(db, chat.id)).filter((event) => !isWaitingLine(event)),
    render: { reader: 'customer', locale, catalog: words.system },
    locale,
    timeZone: zone,
    lang: language,
  };
}

const fileName = (chat: EndedChat, extension: string) => `chat-${new Date(chat.ended_at ?? chat.queued_at).toISOString().slice(0, 10)}-${chat.id.slice(0, 8)}.${extension}`;

export async function customerTranscript(deps: Deps, token: string, query: z.infer<typeof CustomerTranscriptQuery>): Promise<TranscriptFile> {
  const chat = await chatOfToken(deps.db, token);
  requireEnded(chat);
  const doc = transcriptDocument(query.format, await customerInput(deps.db, chat, query.language, query.timeZone));
  return { fileName: fileName(chat, doc.extension), contentType: doc.contentType, body: doc.body };
}

export async function staffTranscript(deps: Deps, reader: StaffReader, chatId: string, query: z.infer<typeof StaffTranscriptQuery>): Promise<TranscriptFile> {
  const chat = await chatForStaff(deps.db, reader, chatId);
  const agents = await agentsOf(deps.db, chat.id);
  const locale = 'en-GB';
  const input: TranscriptInput = {
    head: {
      title: 'Chat transcript',
      facts: [
        ['Queue', chat.queue_name],
        ['Customer', chat.customer_name],
        ['Agents', agents.map((a) => a.name).join(', ') || '—'],
        ['Started', formatTime(chat.queued_at, locale, query.timeZone)],
        ['Ended', chat.ended_at ? formatTime(chat.ended_at, locale, query.timeZone) : '—'],
      ],
    },
    events: await chatEvents(deps.db, chat.id),
    render: { reader: 'staff', locale: 'en', catalog: SYSTEM_LINES_EN, customerName: chat.customer_name },
    locale,
    timeZone: query.timeZone,
    lang: 'en',
  };
  const doc = transcriptDocument(query.format, input);
  return { fileName: fileName(chat, doc.extension), contentType: doc.contentType, body: doc.body };
}

/** Queues the transcript to the customer's address; sent by the mail worker (retried while SMTP is down). */
export async function mailTranscript(deps: Deps, token: string, input: z.infer<typeof TranscriptMailInput>): Promise<{ queued: true }> {
  await deps.db.transaction(async (tx) => {
    const chat = await chatOfToken(tx, token);
    requireEnded(chat);
    // Mail goes to any address the customer types: only a chat an agent answered has a transcript worth
    // mailing, which keeps a stranger from using the chat page to mail people (the route is rate-limited too).
    if (!chat.accepted_at) throw new AppError('forbidden', 'Only a chat with an agent can be emailed; you can still download it.');
    const words = TRANSCRIPT_WORDS[input.language];
    const text = transcriptText(await customerInput(tx, chat, input.language, input.timeZone));
    await deps.mailer.enqueue(tx, {
      clientId: chat.client_id,
      to: input.email,
      subject: fillTemplate(words.mailSubject, { queue: chat.queue_name }),
      text: `${words.mailIntro}\n\n${text}`,
    });
  });
  deps.mailer.wake();
  return { queued: true };
}
