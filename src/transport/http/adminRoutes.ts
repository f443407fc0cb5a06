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
  TranslationsBody,
  WorkingHoursBody,
} from './adminSchemas.js';
import type { ApiTokenScope } from '../../protocol/admin.js';
import { routeDoc } from './apiDocs.js';
import { requireCaller } from './caller.js';
import { baseUrl, requireSession } from './session.js';

export function adminRoutes(app: FastifyInstance, deps: Deps): void {
  const admin = (request: Parameters<typeof requireSession>[1]) => requireSession(deps, request, ['admin']);
  /** An admin, or an API token of the client with this scope. */
  const adminOrToken = (request: Parameters<typeof requireSession>[1], scope: ApiTokenScope) => requireCaller(deps, request, ['admin'], scope);

  app.get('/api/admin/queues', { schema: routeDoc('GET', { tag: 'admin', access: 'session', scope: 'queues:read', summary: 'List the queues' }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:read');
    return { queues: await listQueues(deps.db, session.clientId, baseUrl(deps, request)) };
  });

  app.post('/api/admin/queues', { schema: routeDoc('POST', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Create a queue (closed, default settings)', body: QueueNameBody, status: 201 }) }, async (request, reply) => {
    const session = await adminOrToken(request, 'queues:write');
    const { name } = parseInput(QueueNameBody, request.body);
    const id = await queueCreator(deps, { actor: session, name });
    return reply.status(201).send(await queueDetail(deps.db, session.clientId, id, baseUrl(deps, request)));
  });

  app.get('/api/admin/queues/:id', { schema: routeDoc('GET', { tag: 'admin', access: 'session', scope: 'queues:read', summary: 'A queue with all its settings', params: IdParams }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:read');
    const { id } = parseInput(IdParams, request.params);
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.post('/api/admin/queues/:id/duplicate', { schema: routeDoc('POST', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Duplicate a queue under a new name', params: IdParams, body: QueueNameBody, status: 201 }) }, async (request, reply) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const { name } = parseInput(QueueNameBody, request.body);
    const copy = await queueDuplicator(deps, { actor: session, sourceId: id, name });
    return reply.status(201).send(await queueDetail(deps.db, session.clientId, copy, baseUrl(deps, request)));
  });

  app.delete('/api/admin/queues/:id', { schema: routeDoc('DELETE', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Delete a queue', params: IdParams, status: 204 }) }, async (request, reply) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    await queueDeleter(deps, { actor: session, queueId: id });
    return reply.status(204).send();
  });

  app.patch('/api/admin/queues/:id/general', { schema: routeDoc('PATCH', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Change General Settings: only the settings sent change, the others keep their values', params: IdParams, body: GeneralSettingsBody }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const { name, slug, ...changes } = parseInput(GeneralSettingsBody, request.body);
    // Left out (undefined): keeps the stored value; null is a value (offerTimeoutSeconds: the node's default).
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'general', name, slug, changes: defined });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/data-collection', { schema: routeDoc('PUT', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Save Data Collection (the pre-chat form)', params: IdParams, body: DataCollectionBody }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(DataCollectionBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'data-collection', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/working-hours', { schema: routeDoc('PUT', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Save Working Hours', params: IdParams, body: WorkingHoursBody }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(WorkingHoursBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'working-hours', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/offline', { schema: routeDoc('PUT', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Save Offline Options', params: IdParams, body: OfflineBody }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(OfflineBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'offline', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/translations', { schema: routeDoc('PUT', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Save the queue texts customers read in other languages (fr, es)', params: IdParams, body: TranslationsBody }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const changes = parseInput(TranslationsBody, request.body);
    await queueSettingsSaver(deps, { actor: session, queueId: id, tab: 'translations', changes });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.put('/api/admin/queues/:id/agents', { schema: routeDoc('PUT', { tag: 'admin', access: 'session', scope: 'queues:write', summary: 'Choose the agents of a queue', params: IdParams, body: QueueAgentsBody }) }, async (request) => {
    const session = await adminOrToken(request, 'queues:write');
    const { id } = parseInput(IdParams, request.params);
    const { agentIds } = parseInput(QueueAgentsBody, request.body);
    await queueAgentsSaver(deps, { actor: session, queueId: id, agentIds });
    return queueDetail(deps.db, session.clientId, id, baseUrl(deps, request));
  });

  app.get('/api/admin/people', { schema: routeDoc('GET', { tag: 'admin', access: 'session', scope: 'people:read', summary: 'List the people (agents, supervisors, admins)' }) }, async (request) => {
    const session = await adminOrToken(request, 'people:read');
    return { people: await listPeople(deps.db, session.clientId) };
  });

  app.post('/api/admin/people', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Add a person', body: NewPersonBody, status: 201 }) }, async (request, reply) => {
    const session = await admin(request);
    const { password, ...person } = parseInput(NewPersonBody, request.body);
    const id = await personCreator(deps, { actor: session, person, password });
    return reply.status(201).send(await personView(deps.db, session.clientId, id));
  });

  app.patch('/api/admin/people/:id', { schema: routeDoc('PATCH', { tag: 'admin', access: 'session', summary: 'Edit a person', params: IdParams, body: PersonBody }) }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const person = parseInput(PersonBody, request.body);
    await personUpdater(deps, { actor: session, personId: id, person });
    return personView(deps.db, session.clientId, id);
  });

  app.post('/api/admin/people/:id/deactivate', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Deactivate a person (their sessions end, their chats go back in line)', params: IdParams }) }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await personDeactivator(deps, { actor: session, personId: id });
    return personView(deps.db, session.clientId, id);
  });

  app.post('/api/admin/people/:id/activate', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Activate a person again', params: IdParams }) }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await personActivator(deps, { actor: session, personId: id });
    return personView(deps.db, session.clientId, id);
  });

  app.post('/api/admin/people/:id/password', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Set a new password for a person', params: IdParams, body: PasswordBody, status: 204 }) }, async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { password } = parseInput(PasswordBody, request.body);
    await passwordResetter(deps, { actor: session, personId: id, password });
    return reply.status(204).send();
  });

  app.put('/api/admin/people/:id/picture', { schema: routeDoc('PUT', { tag: 'admin', access: 'session', summary: 'Upload a picture (base64 PNG, JPEG or WebP)', params: IdParams, body: PictureBody }), bodyLimit: PICTURE_BODY_LIMIT }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    const { data } = parseInput(PictureBody, request.body);
    await pictureUploader(deps, { actor: session, personId: id, bytes: Buffer.from(data, 'base64') });
    return personView(deps.db, session.clientId, id);
  });

  app.delete('/api/admin/people/:id/picture', { schema: routeDoc('DELETE', { tag: 'admin', access: 'session', summary: 'Remove a picture', params: IdParams }) }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await pictureUploader(deps, { actor: session, personId: id, bytes: null });
    return personView(deps.db, session.clientId, id);
  });

  app.get('/api/admin/chats', { schema: routeDoc('GET', { tag: 'admin', access: 'session', scope: 'chats:read', summary: 'Chats in progress (not ended yet)' }) }, async (request) => {
    const session = await adminOrToken(request, 'chats:read');
    return { chats: await listOpenChats(deps.db, session.clientId) };
  });

  app.post('/api/admin/chats/:id/end', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'End a chat in progress', params: IdParams, status: 204 }) }, async (request, reply) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await chatCloser(deps, { actor: session, chatId: id });
    return reply.status(204).send();
  });

  app.get('/api/admin/audit', { schema: routeDoc('GET', { tag: 'admin', access: 'session', summary: 'The audit log, newest first', querystring: AuditQuery }) }, async (request) => {
    const session = await admin(request);
    const { limit } = parseInput(AuditQuery, request.query);
    return { entries: await listAudit(deps.db, session.clientId, limit) };
  });

  app.get('/api/admin/mail', { schema: routeDoc('GET', { tag: 'admin', access: 'session', summary: 'The mail outbox' }) }, async (request): Promise<MailListView> => {
    const session = await admin(request);
    return { mails: await listOutboxMail(deps.db, session.clientId), sending: deps.mailer.sends, maxAttempts: deps.config.mailMaxAttempts };
  });

  app.post('/api/admin/mail/:id/retry', { schema: routeDoc('POST', { tag: 'admin', access: 'session', summary: 'Send a failed mail again', params: IdParams }) }, async (request) => {
    const session = await admin(request);
    const { id } = parseInput(IdParams, request.params);
    await mailResender(deps, { actor: session, mailId: id });
    return outboxMailView(deps.db, session.clientId, id);
  });
}
