/**
 * The demo client created on the first start of an empty database, so a new
 * user can try every screen at once. Sign-ins are printed at start and in the README.
 */
import type { Db } from '../db/db.js';
import { defaultQueueConfig, type QueueConfig } from '../domain/queueConfig.js';
import { hashPassword, newId } from './secrets.js';

export const DEMO = {
  clientName: 'Demo Company',
  password: 'demo1234',
  adminEmail: 'admin@demo.example',
  agentEmail: 'sophie@demo.example',
  agentName: 'Sophie',
  supportSlug: 'support',
  afterHoursSlug: 'after-hours',
} as const;

function supportConfig(): QueueConfig {
  return {
    ...defaultQueueConfig(),
    dataCollection: {
      enabled: true,
      fields: [
        { id: 'first_name', label: 'First name', type: 'text', required: true },
        { id: 'last_name', label: 'Last name', type: 'text', required: true },
        { id: 'email', label: 'Email', type: 'email', required: true },
        { id: 'inquiry', label: 'Nature of inquiry', type: 'select', required: true, options: ['Billing', 'Technical support', 'Sales', 'Other'] },
      ],
    },
    offline: { leaveMessage: { enabled: true, email: 'support@demo.example' }, callback: { enabled: true } },
  };
}

function afterHoursConfig(): QueueConfig {
  const weekdays = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00', overnight: false }));
  return {
    ...defaultQueueConfig(),
    open: false,
    closedMessage: 'Our after-hours line is closed. Leave us a message or ask for a callback and we will get back to you.',
    workingHours: { enabled: true, timeZone: 'Europe/Paris', weekly: weekdays, exceptions: [], showOnClosedScreen: true },
    offline: { leaveMessage: { enabled: true, email: 'afterhours@demo.example' }, callback: { enabled: true } },
  };
}

/** A friendly illustrated portrait, so the demo shows a real picture rather than the default image. */
export const SOPHIE_PICTURE = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96" width="96" height="96">
<rect width="96" height="96" fill="#fde68a"/>
<path d="M20 96c2-20 14-30 28-30s26 10 28 30z" fill="#0f766e"/>
<path d="M41 58h14v10a7 7 0 0 1-14 0z" fill="#e0a98a"/>
<path d="M24 46c0-22 10-32 24-32s24 10 24 32c0 10-3 18-6 22H30c-3-4-6-12-6-22z" fill="#7c2d12"/>
<ellipse cx="48" cy="44" rx="16" ry="19" fill="#f1c0a0"/>
<path d="M31 40c3-12 10-17 19-17 8 0 14 5 16 13-9 0-20-3-26-9-2 6-5 10-9 13z" fill="#7c2d12"/>
<circle cx="42" cy="45" r="2" fill="#1f2937"/><circle cx="55" cy="45" r="2" fill="#1f2937"/>
<path d="M43 53q5 4 10 0" stroke="#9f1239" stroke-width="2" fill="none" stroke-linecap="round"/>
</svg>`;

/** Creates the demo client when the database has no client yet; returns whether it did. */
export async function seedDemo(db: Db): Promise<boolean> {
  const hash = await hashPassword(DEMO.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query('SELECT 1 FROM clients LIMIT 1');
    if (existing) return false;
    const clientId = newId();
    await tx.query('INSERT INTO clients (id, name) VALUES ($1, $2)', [clientId, DEMO.clientName]);
    const adminId = newId();
    const agentId = newId();
    await tx.query(
      `INSERT INTO users (id, client_id, email, password_hash, role, display_name) VALUES ($1, $2, $3, $4, 'admin', 'Alex Admin')`,
      [adminId, clientId, DEMO.adminEmail, hash],
    );
    await tx.query(
      `INSERT INTO users (id, client_id, email, password_hash, role, display_name, picture, picture_type, picture_updated_at, capacity)
       VALUES ($1, $2, $3, $4, 'agent', $5, $6, 'image/svg+xml', now(), 3)`,
      [agentId, clientId, DEMO.agentEmail, hash, DEMO.agentName, Buffer.from(SOPHIE_PICTURE)],
    );
    for (const [slug, name, config] of [
      [DEMO.supportSlug, 'Support', supportConfig()],
      [DEMO.afterHoursSlug, 'After Hours', afterHoursConfig()],
    ] as const) {
      const queueId = newId();
      await tx.query('INSERT INTO queues (id, client_id, slug, name, config) VALUES ($1, $2, $3, $4, $5)', [queueId, clientId, slug, name, JSON.stringify(config)]);
      await tx.query('INSERT INTO queue_agents (queue_id, user_id, client_id) VALUES ($1, $2, $3)', [queueId, agentId, clientId]);
    }
    return true;
  });
}
