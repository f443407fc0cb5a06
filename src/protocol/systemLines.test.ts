import { describe, expect, it } from 'vitest';
import { renderSystemLine, type SystemLine } from './systemLines.js';
import { SYSTEM_LINES_EN } from './systemLinesEn.js';
import type { ChatEventView } from './views.js';

type Renderable = Pick<ChatEventView, 'system' | 'line' | 'authorName' | 'body'>;

const stored = (system: ChatEventView['system'], line: SystemLine | null, body = '', authorName = 'Reactive Chat'): Renderable => ({ system, line, body, authorName });
const customer = (event: Renderable) => renderSystemLine(event, { reader: 'customer', locale: 'en', catalog: SYSTEM_LINES_EN });
const staff = (event: Renderable) => renderSystemLine(event, { reader: 'staff', locale: 'en', catalog: SYSTEM_LINES_EN, customerName: 'Ana Silva' });

describe('system lines', () => {
  it('renders each id with its parameters', () => {
    expect(customer(stored('agent_joined', { id: 'agent_joined', params: { name: 'Sophie' } }))).toBe('Sophie has joined the chat');
    expect(customer(stored('agent_left', { id: 'agent_left', params: { name: 'Sophie' } }))).toBe('Sophie has left the chat');
    expect(customer(stored('agent_disconnected', { id: 'agent_disconnected', params: { name: 'Sophie' } }))).toBe(
      'Sophie was disconnected — we are connecting you to another agent',
    );
    expect(customer(stored('queued', { id: 'queued', params: {} }))).toBe('You are waiting for the next available agent.');
    expect(customer(stored('ended', { id: 'chat_closed', params: {} }))).toBe('This chat was closed.');
  });

  it("names a queue the chat was transferred to in the reader's language when the page has that queue's translated name", async () => {
    const { SYSTEM_LINES_FR } = await import('./systemLinesFr.js');
    const line = stored('transferred', { id: 'transferred', params: { from: 'Sophie', to: 'Billing', toSlug: 'billing' } });
    const french = (queue?: { slug: string; name: string }) => renderSystemLine(line, { reader: 'customer', locale: 'fr', catalog: SYSTEM_LINES_FR, ...(queue && { queue }) });
    expect(french({ slug: 'billing', name: 'Facturation' })).toBe('Sophie vous a transféré vers Facturation');
    // Another queue now (transferred on since), or no queue known: the name as the transfer stored it.
    expect(french({ slug: 'sales', name: 'Ventes' })).toBe('Sophie vous a transféré vers Billing');
    expect(french()).toBe('Sophie vous a transféré vers Billing');
    // Staff read the queue's own name.
    expect(staff(line)).toBe('Sophie transferred you to Billing');
  });

  it('says when the chat will close and why it closed, with the plural the count needs', () => {
    const warning = (seconds: number) => customer(stored('inactivity_warning', { id: 'inactivity_warning', params: { seconds } }));
    const closed = (seconds: number) => customer(stored('inactivity_closed', { id: 'inactivity_closed', params: { seconds } }));
    expect(warning(60)).toBe('This chat will close in 1 minute if there is no new message.');
    expect(warning(30)).toBe('This chat will close in 30 seconds if there is no new message.');
    expect(closed(600)).toBe('The chat was closed after 10 minutes without messages.');
    expect(closed(60)).toBe('The chat was closed after 1 minute without messages.');
  });

  it('tells customers their own leaving as theirs, and staff who left', () => {
    const left = stored('customer_left', { id: 'customer_left', params: { name: 'Ana Silva' } });
    const gone = stored('customer_left', { id: 'customer_gone', params: { name: 'Ana Silva' } });
    expect(customer(left)).toBe('You left the chat.');
    expect(customer(gone)).toBe('You left the chat.');
    expect(staff(left)).toBe('Ana Silva has left the chat');
    expect(staff(gone)).toBe('Ana Silva left the chat');
  });

  it('reads "queued" to staff as who joined the queue', () => {
    expect(staff(stored('queued', { id: 'queued', params: {} }))).toBe('Ana Silva joined the queue');
  });

  it('shows rows stored before the ids as their English text', () => {
    expect(customer(stored('agent_left', null, 'Sophie has left the chat'))).toBe('Sophie has left the chat');
    expect(staff(stored('ended', null, 'This chat was closed.'))).toBe('This chat was closed.');
    expect(customer(stored('agent_joined', null, '', 'Marc'))).toBe('Marc has joined the chat');
  });

  it('keeps an unknown placeholder visible rather than dropping words', () => {
    const catalog = { ...SYSTEM_LINES_EN, agent_left: '{who} has left' };
    expect(renderSystemLine(stored('agent_left', { id: 'agent_left', params: { name: 'S' } }), { reader: 'staff', locale: 'en', catalog })).toBe('{who} has left');
  });
});
