/**
 * The Client Admin Portal's API (src/protocol/admin.ts). Each route: admin
 * session → validate → command (scoped to the admin's client, one transaction
 * with its audit row) → present the fresh state.
 */
import type { FastifyInstance } from 'fastify';
import { listAudit } from '../../app/admin/auditLog.js';
import { chatCloser } from '../../app/admin/chatCloser.js';
import { listOpenChats } from '../../app/admin/openChats.js';
import { listOutboxMail, mailResender, outboxMailView } from '../../app/admin/outboxMail.js';
import { passwordResetter } from '../../app/admin/passwordResetter.js';
import { listPeople, personView } from '../../app/admin/people.js';
import { personCreator } from '../../app/admin/personCreator.js';
import { personActivator, personDeactivator } from '../../app/admin/personDeactivator.js';
import { personUpdater } from '../../app/admin/personUpdater.js';
import { pictureUploader } from '../../app/admin/pictureUploader.js';
import { queueAgentsSaver } from '../../app/admin/queueAgentsSaver.js';
import { queueCreator } from '../../app/admin/queueCreator.js';
import { queueDeleter } from '../../app/admin/queueDeleter.js';
import { queueDuplicator } from '../../app/admin/queueDuplicator.js';
import { queueSettingsSaver } from '../../app/admin/queueSettingsSaver.js';
import { listQueues, queueDetail } from '../../app/admin/queueViews.js';
import type { Deps } from '../../app/deps.js';
import type { MailListView } from '../../protocol/admin.js';
import { parseInput } from '../validate.js';
import {
  AuditQuery,
  DataCollectionBody,
  GeneralSettingsBody,
  IdParams,
  NewPersonBody,
  OfflineBody,
  PasswordBody,
  PersonBody,
  PICTURE_BODY_LIMIT,
  PictureBody,
  QueueAgentsBody,
  QueueNameBody,
  WorkingHoursBody,
} from './adminSchemas.js';
import { baseUrl, requireSession } from './session.js';

export function adminRoutes(app: FastifyInstance, deps: Deps): void {
  const admin = (request: Parameters<typeof requireSession>[1]) => requireSession(deps, request, ['admin']);

  app.get('/api/admin/queues', async (request) => {
    const session = await admin(request);
    return { queues: await listQueues(deps.db, session.clientId, baseUrl(deps, request)) };
  });

  app.post('/api/admin/queues', async (request, reply) => {
    const session = await admin(request);
    const { name } = parseInput(QueueNameBody, request.body);
    const id = await queueCreator(deps, { actor: session, name });
    return reply.status(201).send(await queueDetail(deps.db, session.clientId, id, baseUrl(deps, request)));
  });

  app.get('/api/admin/queues/:id', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.post('/api/admin/queues/:id/duplicate', async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { name } = parseInput(QueueNameBody, request.body);
    const copy = await queueDuplicator(deps, { actor: session, sourceId: id, name });
    return reply.status(201).send(await queueDetail(deps.db, session.clientId, copy, baseUrl(deps, request)));
  });

  app.delete('/api/admin/queues/:id', async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await queueDeleter(deps, { actor: session, queueId: id });
    return reply.status(204).send();
  });

  app.patch('/api/admin/queues/:id/general', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { name, ...changes } = parseInput(GeneralSettingsBody, request.body);
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'general', name, changes: defined });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/data-collection', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(DataCollectionBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'data-collection', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/working-hours', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(WorkingHoursBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'working-hours', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/offline', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(OfflineBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'offline', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/agents', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { agentIds } = parseInput(QueueAgentsBody, request.body);
    await queueAgentsSaver(deps, { actor: session, queueId: id, agentIds });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.get('/api/admin/people', async (request) => {
    const session = await admin(request);
    return { people: await listPeople(deps.db, session.clientId) };
  });

  app.post('/api/admin/people', async (request, reply) => {
    const session = await admin(request);
    const { password, ...person } = parseInput(NewPersonBody, request.body);
    const id = await personCreator(deps, { actor: session, person, password });
    return reply.status(201).send(await personView(deps.db, session.clientId, id));
  });

  app.patch('/api/admin/people/:id', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const person = parseInput(PersonBody, request.body);
    await personUpdater(deps, { actor: session, personId: id, person });
    return personView(deps.db, session.clientId, id);
  });

  app.post('/api/admin/people/:id/deactivate', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await personDeactivator(deps, { actor: session, personId: id });
    return personView(deps.db, session.clientId, id);
  });

  app.post('/api/admin/people/:id/activate', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await personActivator(deps, { actor: session, personId: id });
    return personView(deps.db, session.clientId, id);
  });

  app.post('/api/admin/people/:id/password', async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { password } = parseInput(PasswordBody, request.body);
    await passwordResetter(deps, { actor: session, personId: id, password });
    return reply.status(204).send();
  });

  app.put('/api/admin/people/:id/picture', { bodyLimit: PICTURE_BODY_LIMIT }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { data } = parseInput(PictureBody, request.body);
    await pictureUploader(deps, { actor: session, personId: id, bytes: Buffer.from(data, 'base64') });
    return personView(deps.db, session.clientId, id);
  });

  app.delete('/api/admin/people/:id/picture', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await pictureUploader(deps, { actor: session, personId: id, bytes: null });
    return personView(deps.db, session.clientId, id);
  });

  app.get('/api/admin/chats', async (request) => {
    const session = await admin(request);
    return { chats: await listOpenChats(deps.db, session.clientId) };
  });

  app.post('/api/admin/chats/:id/end', async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await chatCloser(deps, { actor: session, chatId: id });
    return reply.status(204).send();
  });

  app.get('/api/admin/audit', async (request) => {
    const session = await admin(request);
    const { limit } = parseInput(AuditQuery, request.query);
    return { entries: await listAudit(deps.db, session.clientId, limit) };
  });

  app.get('/api/admin/mail', async (request): Promise<MailListView> => {
    const session = await admin(request);
    return { mails: await listOutboxMail(deps.db, session.clientId), sending: deps.mailer.sends, maxAttempts: deps.config.mailMaxAttempts };
  });

  app.post('/api/admin/mail/:id/retry', async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await mailResender(deps, { actor: session, mailId: id });
    return outboxMailView(deps.db, session.clientId, id);
  });
}
