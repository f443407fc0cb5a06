/** The portal's calls to the admin API. */
import type { AdminQueueDetail, GeneralSettingsBody } from '../../src/protocol/http.js';
import type { AdminQueueSummary } from '../../src/protocol/views.js';
import { fetchJson } from '../shared/http.js';

export async function listQueues(): Promise<AdminQueueSummary[]> {
  return (await fetchJson<{ queues: AdminQueueSummary[] }>('/api/admin/queues')).queues;
}

export function getQueue(id: string, signal?: AbortSignal): Promise<AdminQueueDetail> {
  return fetchJson<AdminQueueDetail>(`/api/admin/queues/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function saveGeneral(id: string, body: GeneralSettingsBody): Promise<AdminQueueDetail> {
  return fetchJson<AdminQueueDetail>(`/api/admin/queues/${encodeURIComponent(id)}/general`, { method: 'PATCH', body });
}
