/**
 * Issue 11 "Languages": an admin gives a queue's customer texts in French; the
 * public queue view serves them to French readers (`?lang=fr` as the customer
 * page sends, or Accept-Language), each missing text falling back to the
 * default; a refused text is named at its path and changes nothing; refusals
 * carry field problems as codes and rate limits their minutes, for the
 * customer page to word in the reader's language.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import type { RunningNode } from '../src/server.js';
import { backends } from './support/backends.js';
import { api, signIn, startTestNode } from './support/testNode.js';

const FRENCH = {
  name: 'Assistance',
  waitingMessages: ['Merci de nous avoir contactés.', ''],
  closedMessage: '',
  noAgentsMessage: 'Tous nos conseillers sont absents.',
  fields: {
    first_name: { label: 'Prénom', options: [] },
    email: { label: 'Adresse e-mail', options: [] },
    inquiry: { label: 'Objet de la demande', options: ['Facturation', '', 'Ventes'] },
  },
};

const OFFLINE_TAB = { offline: { leaveMessage: { enabled: true, email: 'help@demo.example' }, callback: { enabled: true } }, closedMessage: 'Closed.', noAgentsMessage: 'Away.' };

describe.each(backends())('queue texts per language on $name', (backend) => {
  let node: RunningNode;
  let db: Db;
  let drop: () => Promise<void>;
  let admin: string;
  let supportId: string;

  beforeAll(async () => {
    const opened = await backend.open();
    db = opened.db;
    drop = opened.drop;
    node = await startTestNode(db);
    admin = await signIn(node, 'admin@demo.example');
    supportId = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'support'"))[0]!.id;
  });
  afterAll(async () => {
    await node?.close();
    await db?.close();
    await drop?.();
  });

  const storedConfig = async () => (await db.query<{ config: { translations?: unknown } }>('SELECT config FROM queues WHERE id = $1', [supportId]))[0]!.config;

  it('refuses a text over its limit at its path, and a language it does not know, changing nothing', async () => {
    const path = `/api/admin/queues/${supportId}/translations`;
    const long = await api(node, 'PUT', path, { translations: { fr: { ...FRENCH, fields: { email: { label: 'x'.repeat(81) } } } } }, admin);
    expect(long.status).toBe(400);
    expect(long.body.error.fields).toEqual({ 'translations.fr.fields.email.label': 'At most 80 characters.' });
    const unknown = await api(node, 'PUT', path, { translations: { de: { name: 'Hilfe' } } }, admin);
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['translations.de']);
    expect((await storedConfig()).translations ?? {}).toEqual({});
  });

  it('refuses texts for a field the form does not have (and an option, message or special day it does not have), naming each, changing nothing', async () => {
    const path = `/api/admin/queues/${supportId}/translations`;
    const before = await storedConfig();
    const audits = async () => (await db.query("SELECT 1 FROM audit_log WHERE entity_id = $1 AND action = 'queue.translations'", [supportId])).length;
    const auditsBefore = await audits();
    const stray = await api(node, 'PUT', path, { translations: { fr: { ...FRENCH, fields: { ...FRENCH.fields, phone: { label: 'Téléphone' } } } } }, admin);
    expect(stray.status).toBe(400);
    expect(stray.body.error).toMatchObject({ id: 'validation', message: 'The Data Collection form has no field “phone”.' });
    expect(stray.body.error.fields).toEqual({ 'translations.fr.fields.phone': 'The Data Collection form has no field “phone”.' });
    const several = await api(node, 'PUT', path, { translations: { es: { waitingMessages: ['a', 'b', 'c'], fields: { inquiry: { options: ['1', '2', '3', '4', '5'] } }, specialDays: { '2031-01-01': 'Año nuevo' } } } }, admin);
    expect(several.status).toBe(400);
    expect(Object.keys(several.body.error.fields).sort()).toEqual(['translations.es.fields.inquiry.options', 'translations.es.specialDays.2031-01-01', 'translations.es.waitingMessages']);
    expect(await storedConfig()).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it('serves French texts to French readers, each missing one falling back to the default, and the default to others', async () => {
    const saved = await api(node, 'PUT', `/api/admin/queues/${supportId}/translations`, { translations: { fr: FRENCH } }, admin);
    expect(saved.status).toBe(200);
    expect(saved.body.translations.fr.fields.inquiry.label).toBe('Objet de la demande');
    const audit = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'queue.translations'", [supportId]);
    expect(audit).toHaveLength(1);

    const fr = await api(node, 'GET', '/api/public/queues/support?lang=fr');
    expect(fr.status).toBe(200);
    expect(fr.body.language).toBe('fr');
    expect(fr.body.name).toBe('Assistance');
    expect(fr.body.waitingMessages).toEqual(['Merci de nous avoir contactés.', 'You are waiting for the next available agent.']);
    // Open, nobody Available: the no-agents text, in French.
    expect(fr.body.closedMessage).toBe('Tous nos conseillers sont absents.');
    const labels = Object.fromEntries(fr.body.form.map((f: { id: string; label: string }) => [f.id, f.label]));
    expect(labels).toEqual({ first_name: 'Prénom', last_name: 'Last name', email: 'Adresse e-mail', inquiry: 'Objet de la demande' });
    const inquiry = fr.body.form.find((f: { id: string }) => f.id === 'inquiry');
    // Values stay the default options (what is stored and checked); labels are shown.
    expect(inquiry.options).toEqual(['Billing', 'Technical support', 'Sales', 'Other']);
    expect(inquiry.optionLabels).toEqual(['Facturation', 'Technical support', 'Ventes', 'Other']);

    const byHeader = await fetch(`${node.url}/api/public/queues/support`, { headers: { 'accept-language': 'de-DE, fr-CA;q=0.8, en;q=0.5' } });
    const header = (await byHeader.json()) as { language: string; name: string };
    expect(header).toMatchObject({ language: 'fr', name: 'Assistance' });
    expect(byHeader.headers.get('vary')).toMatch(/accept-language/i);

    // Spanish has no texts: the default ones, as for English.
    const es = await api(node, 'GET', '/api/public/queues/support?lang=es');
    expect(es.body).toMatchObject({ language: 'es', name: 'Support' });
    expect(es.body.form.find((f: { id: string }) => f.id === 'inquiry').optionLabels).toBeUndefined();
    const en = await api(node, 'GET', '/api/public/queues/support');
    expect(en.body).toMatchObject({ language: 'en', name: 'Support', closedMessage: 'All our agents are away right now.' });
  });

  it('refuses a body without its translations wrapper, or with a key of another tab, erasing nothing (found by the trial)', async () => {
    const path = `/api/admin/queues/${supportId}/translations`;
    const before = await storedConfig();
    expect(Object.keys((before as { translations: object }).translations)).toContain('fr');
    const unwrapped = await api(node, 'PUT', path, { fr: { name: 'Z' } }, admin);
    expect(unwrapped.status).toBe(400);
    expect(Object.keys(unwrapped.body.error.fields).sort()).toEqual(['fr', 'translations']);
    expect(unwrapped.body.error.fields.fr).toBe('Not a setting of this tab.');
    const junk = await api(node, 'PUT', path, { translations: {}, junk: 1 }, admin);
    expect(junk.status).toBe(400);
    expect(junk.body.error.fields).toEqual({ junk: 'Not a setting of this tab.' });
    // The other tabs refuse a stray key the same way.
    const offline = await api(node, 'PUT', `/api/admin/queues/${supportId}/offline`, { ...OFFLINE_TAB, translations: {} }, admin);
    expect(offline.status).toBe(400);
    expect(offline.body.error.fields).toEqual({ translations: 'Not a setting of this tab.' });
    expect(await storedConfig()).toEqual(before);
  });

  it('serves the French label of a special day on the closed screen’s hours', async () => {
    const afterHours = (await db.query<{ id: string }>("SELECT id FROM queues WHERE slug = 'after-hours'"))[0]!.id;
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const weekly = [1, 2, 3, 4, 5].map((d) => ({ day: d, start: '09:00', end: '17:00' }));
    const hours = { workingHours: { enabled: true, timeZone: 'Europe/Paris', weekly, exceptions: [{ date: day, label: 'Company day', intervals: [] }], showOnClosedScreen: true } };
    expect((await api(node, 'PUT', `/api/admin/queues/${afterHours}/working-hours`, hours, admin)).status).toBe(200);
    const saved = await api(node, 'PUT', `/api/admin/queues/${afterHours}/translations`, { translations: { fr: { specialDays: { [day]: 'Journée de l’entreprise' } } } }, admin);
    expect(saved.status).toBe(200);
    const fr = await api(node, 'GET', '/api/public/queues/after-hours?lang=fr');
    expect(fr.body.hours.exceptions).toMatchObject([{ date: day, label: 'Journée de l’entreprise' }]);
    // Not given in French: the default closed message.
    expect(fr.body.closedMessage).toMatch(/^Our after-hours line is closed/);
    const en = await api(node, 'GET', '/api/public/queues/after-hours?lang=en');
    expect(en.body.hours.exceptions).toMatchObject([{ date: day, label: 'Company day' }]);
  });

  it('keeps the translations when another tab is saved, and a copy of the queue carries them', async () => {
    const general = { name: 'Support', open: true, agentDisplay: 'picture', waitingMessages: ['Thank you for contacting us.', 'You are waiting for the next available agent.'], showEstimatedWait: true };
    expect((await api(node, 'PATCH', `/api/admin/queues/${supportId}/general`, general, admin)).status).toBe(200);
    expect((await storedConfig()).translations).toMatchObject({ fr: { name: 'Assistance' } });
    const copy = await api(node, 'POST', `/api/admin/queues/${supportId}/duplicate`, { name: 'Support FR' }, admin);
    expect(copy.status).toBe(201);
    expect(copy.body.translations.fr.name).toBe('Assistance');
  });

  it('refuses a bad form with each field problem as a code, for the page to word in its language', async () => {
    const refused = await api(node, 'POST', '/api/public/queues/support/chats', { fields: { first_name: 'Amélie', last_name: 'x'.repeat(2001), email: 'amelie@', inquiry: 'Nope' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.id).toBe('validation');
    expect(refused.body.error.problems).toEqual({ last_name: { code: 'too_long', max: 2000 }, email: { code: 'email' }, inquiry: { code: 'choose' } });
    // The English words stay for API users.
    expect(refused.body.error.fields.email).toBe('Enter a valid email address, like name@example.com.');
  });

  it('refuses a bad left message with codes too (email, required, too long)', async () => {
    await api(node, 'PUT', `/api/admin/queues/${supportId}/offline`, { offline: { leaveMessage: { enabled: true, email: 'help@demo.example' }, callback: { enabled: true } }, closedMessage: 'Closed.', noAgentsMessage: 'Away.' }, admin);
    const message = await api(node, 'POST', '/api/public/queues/support/messages', { email: 'amelie@', message: '   ' });
    expect(message.status).toBe(400);
    expect(message.body.error.problems).toEqual({ email: { code: 'email' }, message: { code: 'required' } });
    const callback = await api(node, 'POST', '/api/public/queues/support/callbacks', { name: 'A'.repeat(121), phone: '12', preferredTime: 'soon' });
    expect(callback.body.error.problems).toEqual({ name: { code: 'too_long', max: 120 }, phone: { code: 'phone' } });
  });
});
