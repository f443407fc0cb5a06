/** What the customer page meets at a queue's Reactive Chat URL: the first screen and everything it shows. */
import { nextHoursChange, opensNextAt, upcomingExceptions, weeklyLines } from '../domain/schedule.js';
import { textsIn } from '../domain/queueTexts.js';
import type { ServedLanguage } from '../protocol/languages.js';
import type { PublicQueueView } from '../protocol/views.js';
import type { Deps } from './deps.js';
import { attachmentMaxBytes } from './attachments/attachmentSender.js';
import { findQueueBySlug, isQueueOpen, queueStaffing, waitingCount } from './queues.js';

/** `language`: the texts to serve (src/domain/queueTexts.ts chooseLanguage); each falls back to the default text. */
export async function publicQueueView(deps: Deps, slug: string, language: ServedLanguage = 'en'): Promise<PublicQueueView> {
  const queue = await findQueueBySlug(deps.db, slug);
  const { config } = queue;
  const now = new Date();
  const open = isQueueOpen(queue, now);
  const staffed = open ? (await queueStaffing(deps.db, queue.id)).staffedAgents > 0 : false;
  // A full line turns a newcomer away as Send would (chatStarter's maxWaiting), so the page says so first.
  const full = staffed && (await waitingCount(deps.db, queue.id)) >= config.maxWaiting;
  const closedReason = !open ? 'closed' : !staffed ? 'no_agents' : full ? 'queue_full' : null;
  const hours = config.workingHours;
  const showHours = hours.enabled && hours.showOnClosedScreen;
  // With the switch off, the hours cannot say when it reopens.
  const next = showHours && config.open ? opensNextAt(hours, now) : null;
  const form = config.dataCollection.enabled ? config.dataCollection.fields : null;
  const exceptions = showHours ? upcomingExceptions(hours, now) : [];
  const texts = textsIn(
    { name: queue.name, waitingMessages: config.waitingMessages, closedMessage: config.closedMessage, noAgentsMessage: config.noAgentsMessage, fields: form ?? [], specialDays: exceptions },
    config.translations,
    language,
  );
  return {
    slug: queue.slug,
    name: texts.name,
    clientName: queue.clientName,
    screen: closedReason ? 'closed' : config.dataCollection.enabled && config.dataCollection.fields.length ? 'form' : 'waiting',
    closedReason,
    // A full line is neither closed nor unstaffed: neither of the queue's own messages would be true.
    closedMessage: closedReason === 'no_agents' ? texts.noAgentsMessage : closedReason === 'queue_full' ? '' : texts.closedMessage,
    form: form ? [...texts.fields] : null,
    waitingMessages: [...texts.waitingMessages],
    showEstimatedWait: config.showEstimatedWait,
    agentDisplay: config.agentDisplay,
    offline: {
      leaveMessage: config.offline.leaveMessage.enabled,
      callback: config.offline.callback.enabled,
    },
    maxWaitSeconds: config.maxWaitSeconds,
    // What the chat (and the widget's launcher, told by the frame) shows; allowedOrigins stays with the server.
    widget: {
      color: config.widget.color,
      position: config.widget.position,
      label: config.widget.label,
      headerColor: config.widget.headerColor,
      logoUrl: config.widget.logoUrl,
      allowedOrigins: config.widget.allowedOrigins,
    },
    attachments: { enabled: config.attachmentsEnabled, maxBytes: attachmentMaxBytes(config, deps.config) },
    hours: showHours
      ? {
          timeZone: hours.timeZone,
          lines: weeklyLines(hours),
          exceptions: exceptions.map((e, i) => ({ ...e, label: texts.specialDays?.[i]?.label ?? e.label })),
          opensNextAt: next && next > now ? next.toISOString() : null,
        }
      : null,
    language,
    // With the switch off the hours turn nothing; a switch change is pushed to the page (queueVisitors.ts).
    hoursChangeAt: config.open ? (nextHoursChange(hours, now)?.toISOString() ?? null) : null,
  };
}
