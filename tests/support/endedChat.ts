/** A real chat through the protocol, for the tests of what happens after it ends (transcripts, surveys). */
import { expect } from 'vitest';
import { hashPassword, newId } from '../../src/app/secrets.js';
import type { Db } from '../../src/db/db.js';
import { CHAT_TOKEN_HEADER } from '../../src/protocol/afterChat.js';
import type { Result } from '../../src/protocol/errors.js';
import type { StartChatResponse } from '../../src/protocol/http.js';
import type { OfferView } from '../../src/protocol/views.js';
import type { RunningNode } from '../../src/server.js';
import { type AgentSocket, api, call, connectAgent, connectCustomer, type CustomerSocket, nextEvent, signIn } from './testNode.js';

export const FORM = { first_name: 'Ana', last_name: 'Silva', email: 'ana@example.com', inquiry: 'Billing' };

export async function agentOnline(node: RunningNode, email: string): Promise<AgentSocket> {
  const socket = await connectAgent(node, await signIn(node, email));
  await call(socket, 'console:snapshot', {});
  expect((await call<Result>(socket, 'status:set', { status: 'available' })).ok).toBe(true);
  return socket;
}

/** A customer of `slug` in conversation with `agent`, who said `lines` (customer first, then the agent). */
export async function conversation(
  node: RunningNode,
  agent: AgentSocket,
  lines: [string, string],
  slug = 'support',
): Promise<{ chatId: string; token: string; customer: CustomerSocket }> {
  const offered = nextEvent<OfferView>(agent, 'offer', () => true, 15_000);
  const started = (await api(node, 'POST', `/api/public/queues/${slug}/chats`, { fields: FORM })).body as StartChatResponse;
  expect((await offered).chatId).toBe(started.chatId);
  expect((await call<Result>(agent, 'offer:accept', { chatId: started.chatId })).ok).toBe(true);
  const customer = await connectCustomer(node, started.token);
  await call(customer, 'chat:sync', { afterSeq: 0 });
  expect((await call<Result>(customer, 'message:send', { clientMsgId: `c-${newId()}`, body: lines[0] })).ok).toBe(true);
  expect((await call<Result>(agent, 'message:send', { chatId: started.chatId, clientMsgId: `a-${newId()}`, body: lines[1] })).ok).toBe(true);
  return { chatId: started.chatId, token: started.token, customer };
}

/** The customer's HTTP calls after the chat: their token in the header, as the page sends it. */
export async function asCustomer(node: RunningNode, token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await fetch(`${node.url}${path}`, {
    method,
    headers: { [CHAT_TOKEN_HEADER]: token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('application/json') && text ? JSON.parse(text) : null;
  return { status: response.status, text, body: json, headers: response.headers };
}

/** Adds a person of the demo client with a role, password demo1234. */
export async function addPerson(db: Db, email: string, name: string, role: 'agent' | 'supervisor', queueSlug?: string): Promise<string> {
  const [support] = await db.query<{ id: string; client_id: string }>('SELECT id, client_id FROM queues WHERE slug = $1', [queueSlug ?? 'support']);
  const id = newId();
  await db.query('INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    support!.client_id,
    email,
    await hashPassword('demo1234'),
    role,
    name,
  ]);
  if (role === 'agent' && queueSlug) await db.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [support!.id, id, support!.client_id]);
  return id;
}
