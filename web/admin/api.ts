/** The portal's calls to the admin API (src/protocol/admin.ts). */
import type {
  AdminQueueDetail,
  ApiTokenView,
  AuditEntryView,
  DataCollectionBody,
  GeneralSettingsBody,
  MailListView,
  MailView,
  NewApiTokenBody,
  NewApiTokenView,
  NewPersonBody,
  OfflineBody,
  TranslationsBody,
  OpenChatView,
  PersonBody,
  PersonView,
  WorkingHoursBody,
} from '../../src/protocol/admin.js';
import type { ReportGrouping, ReportSubject, ReportView } from '../../src/protocol/reports.js';
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import type { CannedReplyInput, CannedReplyView } from '../../src/protocol/staffNotes.js';
import type { WebhookBody, WebhookDeliveryView, WebhookEvent, WebhookView } from '../../src/protocol/webhooks.js';
import { fetchJson } from '../shared/http.js';

const queuePath = (id: string) => `/api/admin/queues/${encodeURIComponent(id)}`;
const personPath = (id: string) => `/api/admin/people/${encodeURIComponent(id)}`;

export async function listQueues(): Promise<AdminQueueSummary[]> {
  return (await fetchJson<{ queues: AdminQueueSummary[] }>('/api/admin/queues')).queues;
}

export function getQueue(id: string, signal?: AbortSignal): Promise<AdminQueueDetail> {
  return fetchJson<AdminQueueDetail>(queuePath(id), signal ? { signal } : {});
}

export const createQueue = (name: string) => fetchJson<AdminQueueDetail>('/api/admin/queues', { method: 'POST', body: { name } });
export const duplicateQueue = (id: string, name: string) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/duplicate`, { method: 'POST', body: { name } });
export const deleteQueue = (id: string) => fetchJson<void>(queuePath(id), { method: 'DELETE' });

export const saveGeneral = (id: string, body: GeneralSettingsBody) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/general`, { method: 'PATCH', body });
export const saveDataCollection = (id: string, body: DataCollectionBody) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/data-collection`, { method: 'PUT', body });
export const saveWorkingHours = (id: string, body: WorkingHoursBody) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/working-hours`, { method: 'PUT', body });
export const saveTranslations = (id: string, body: TranslationsBody) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/translations`, { method: 'PUT', body });
export const saveOffline = (id: string, body: OfflineBody) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/offline`, { method: 'PUT', body });
export const saveAgents = (id: string, agentIds: string[]) => fetchJson<AdminQueueDetail>(`${queuePath(id)}/agents`, { method: 'PUT', body: { agentIds } });

export async function listPeople(): Promise<PersonView[]> {
  return (await fetchJson<{ people: PersonView[] }>('/api/admin/people')).people;
}
export const createPerson = (body: NewPersonBody) => fetchJson<PersonView>('/api/admin/people', { method: 'POST', body });
export const updatePerson = (id: string, body: PersonBody) => fetchJson<PersonView>(personPath(id), { method: 'PATCH', body });
export const setPersonActive = (id: string, active: boolean) => fetchJson<PersonView>(`${personPath(id)}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' });
export const resetPassword = (id: string, password: string) => fetchJson<void>(`${personPath(id)}/password`, { method: 'POST', body: { password } });
export const uploadPicture = (id: string, data: string) => fetchJson<PersonView>(`${personPath(id)}/picture`, { method: 'PUT', body: { data } });
export const removePicture = (id: string) => fetchJson<PersonView>(`${personPath(id)}/picture`, { method: 'DELETE' });

export async function listAudit(): Promise<AuditEntryView[]> {
  return (await fetchJson<{ entries: AuditEntryView[] }>('/api/admin/audit?limit=200')).entries;
}

export const listMail = () => fetchJson<MailListView>('/api/admin/mail');
export const retryMail = (id: string) => fetchJson<MailView>(`/api/admin/mail/${encodeURIComponent(id)}/retry`, { method: 'POST' });
export async function listOpenChats(): Promise<OpenChatView[]> {
  return (await fetchJson<{ chats: OpenChatView[] }>('/api/admin/chats')).chats;
}
export const endOpenChat = (id: string) => fetchJson<void>(`/api/admin/chats/${encodeURIComponent(id)}/end`, { method: 'POST' });

export async function listApiTokens(): Promise<ApiTokenView[]> {
  return (await fetchJson<{ tokens: ApiTokenView[] }>('/api/admin/tokens')).tokens;
}
export const createApiToken = (body: NewApiTokenBody) => fetchJson<NewApiTokenView>('/api/admin/tokens', { method: 'POST', body });
export const revokeApiToken = (id: string) => fetchJson<void>(`/api/admin/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });

const hookPath = (id: string) => `/api/admin/webhooks/${encodeURIComponent(id)}`;
export const listWebhooks = () => fetchJson<{ webhooks: WebhookView[]; events: WebhookEvent[] }>('/api/admin/webhooks');
export const createWebhook = (body: WebhookBody) => fetchJson<{ webhook: WebhookView; secret: string }>('/api/admin/webhooks', { method: 'POST', body });
export const updateWebhook = (id: string, body: WebhookBody) => fetchJson<{ webhook: WebhookView }>(hookPath(id), { method: 'PUT', body });
export const deleteWebhook = (id: string) => fetchJson<void>(hookPath(id), { method: 'DELETE' });
export const revealWebhookSecret = (id: string) => fetchJson<{ secret: string }>(`${hookPath(id)}/secret`);
export const rotateWebhookSecret = (id: string) => fetchJson<{ secret: string }>(`${hookPath(id)}/secret`, { method: 'POST' });
export const testWebhook = (id: string) => fetchJson<{ deliveryId: string }>(`${hookPath(id)}/test`, { method: 'POST' });
export const listWebhookDeliveries = async (id: string) => (await fetchJson<{ deliveries: WebhookDeliveryView[] }>(`${hookPath(id)}/deliveries`)).deliveries;
export const redeliverWebhook = (id: string, deliveryId: string) =>
  fetchJson<void>(`${hookPath(id)}/deliveries/${encodeURIComponent(deliveryId)}/retry`, { method: 'POST' });

/** A report (src/protocol/reports.ts); dates and time zone left out take the server's defaults. */
export function getReport(query: { subject: ReportSubject; groupBy: ReportGrouping; from?: string; to?: string; timeZone?: string; queueId?: string }, signal?: AbortSignal) {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== ''));
  return fetchJson<ReportView>(`/api/admin/reports?${params}`, signal ? { signal } : {});
}

const cannedPath = (id: string) => `/api/admin/canned-replies/${encodeURIComponent(id)}`;
export const listCannedReplies = () => fetchJson<{ replies: CannedReplyView[] }>('/api/admin/canned-replies');
export const createCannedReply = (body: CannedReplyInput) => fetchJson<{ reply: CannedReplyView }>('/api/admin/canned-replies', { method: 'POST', body });
export const updateCannedReply = (id: string, body: CannedReplyInput) => fetchJson<{ reply: CannedReplyView }>(cannedPath(id), { method: 'PUT', body });
export const deleteCannedReply = (id: string) => fetchJson<void>(cannedPath(id), { method: 'DELETE' });
