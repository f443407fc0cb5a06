/**
 * queueSettingsSaver: saves one tab of a queue's settings. The whole config
 * is validated after the tab's values are applied, and the queue row and its
 * audit row are written in one transaction: nothing is ever half-saved.
 * Customers meet the new settings at once: the next page load reads them, and
 * customers already waiting are told their new state (e.g. the queue closed).
 */
import type { QueueConfig } from '../../domain/queueConfig.js';
import type { Session } from '../auth.js';
import type { Deps } from '../deps.js';
import { broadcastPlaces } from '../placeBroadcaster.js';
import { tellQueueVisitors } from '../queueVisitors.js';
import { changesBetween, recordAudit } from './auditLog.js';
import { checkedConfig, refuseFields } from './configCheck.js';
import { untranslatable } from '../../domain/queueTexts.js';
import { ensureQueueNameFree } from './queueNames.js';
import { ensureSlugFree, SLUG_TAKEN } from './queueSlugs.js';
import { uniqueOr } from './uniqueness.js';
import { lockQueue } from './queueViews.js';
import { retellPictures } from '../agentPictures.js';

export type SettingsTab = 'general' | 'data-collection' | 'working-hours' | 'offline' | 'translations';

export interface QueueSettingsSaverProps {
  actor: Session;
  queueId: string;
  tab: SettingsTab;
  /** A new name (General Settings only). */
  name?: string | undefined;
  /** A new address, the chat URL's last part (General Settings only): unique across all clients. */
  slug?: string | undefined;
  /** The tab's values, laid over the stored config. */
  changes: Partial<QueueConfig>;
}

export async function queueSettingsSaver(deps: Deps, props: QueueSettingsSaverProps): Promise<void> {
  const saved = await deps.db.transaction(async (tx) => {
    const queue = await lockQueue(tx, props.actor.clientId, props.queueId);
    const config = checkedConfig({ ...queue.config, ...props.changes });
    if (props.tab === 'translations') {
      const { waitingMessages, dataCollection, workingHours } = config;
      refuseFields(untranslatable(config.translations, { waitingMessages: waitingMessages.length, fields: dataCollection.fields, specialDays: workingHours.exceptions.map((e) => e.date) }));
    }
    const name = props.name ?? queue.name;
    if (name.trim().toLowerCase() !== queue.name.trim().toLowerCase()) await ensureQueueNameFree(tx, props.actor.clientId, name, queue.id);
    const slug = props.slug ?? queue.slug;
    if (slug !== queue.slug) await ensureSlugFree(tx, slug, queue.id);
    const changes = changesBetween({ name: queue.name, slug: queue.slug, ...queue.config }, { name, slug, ...config });
    if (!changes.length) return null;
    // The unique index settles two admins taking one address at once (the check above tells the usual case).
    await uniqueOr(
      () => tx.query('UPDATE queues SET name = $2, slug = $3, config = $4, updated_at = now() WHERE id = $1', [queue.id, name, slug, JSON.stringify(config)]),
      'slug',
      SLUG_TAKEN,
    );
    await recordAudit(tx, { actor: props.actor, entityType: 'queue', entityId: queue.id, entityName: name, action: `queue.${props.tab}`, changes });
    return { pictureChanged: config.agentDisplay !== queue.config.agentDisplay, oldSlug: slug !== queue.slug ? queue.slug : null };
  });
  // Opening may let waiting customers through; closing shows them the offline options.
  deps.kickRouter([props.queueId]);
  await broadcastPlaces(deps, props.queueId);
  // And the pages not yet in a chat read the queue again (a new field, the queue closed…), at its old
  // address too when it moved: they find nothing there any more.
  await tellQueueVisitors(deps, [props.queueId], saved?.oldSlug ? [saved.oldSlug] : []);
  // Chats under way show the agent as the new picture policy says.
  if (saved?.pictureChanged) await retellPictures(deps, { queueId: props.queueId });
}
