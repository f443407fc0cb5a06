/**
 * Versioned schema migrations, applied in order at start. Never edit a
 * released migration: add a new one. Every table carries client_id (the
 * tenant) so that every query can be scoped to one client.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sql: `
CREATE TABLE clients (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'agent')),
  display_name text NOT NULL,
  picture bytea,
  picture_type text,
  picture_updated_at timestamptz,
  capacity int NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 50),
  status text NOT NULL DEFAULT 'offline' CHECK (status IN ('available', 'away', 'offline')),
  -- when the agent last became free for work: set Available, or ended a chat (fair routing)
  idle_since timestamptz NOT NULL DEFAULT now(),
  presence_expires_at timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email ON users (lower(email));
CREATE INDEX users_client ON users (client_id);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE queues (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  config jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX queues_client ON queues (client_id);

CREATE TABLE queue_agents (
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  PRIMARY KEY (queue_id, user_id)
);

CREATE TABLE chats (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  queue_id uuid NOT NULL REFERENCES queues(id),
  token_hash text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('queued', 'offered', 'active', 'ended')),
  customer_name text NOT NULL,
  customer_data jsonb NOT NULL,
  agent_id uuid REFERENCES users(id),
  queued_at timestamptz NOT NULL DEFAULT now(),
  offered_at timestamptz,
  accepted_at timestamptz,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('customer', 'agent', 'system')),
  -- agents who declined or let this chat's offer time out; it goes to someone else first
  passed_by text[] NOT NULL DEFAULT '{}',
  last_seq int NOT NULL DEFAULT 0
);
CREATE INDEX chats_waiting ON chats (queue_id, queued_at) WHERE status = 'queued';
CREATE INDEX chats_agent_open ON chats (agent_id) WHERE status IN ('offered', 'active');
CREATE INDEX chats_client ON chats (client_id, queued_at);

CREATE TABLE chat_events (
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  seq int NOT NULL,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('message', 'system')),
  author text NOT NULL CHECK (author IN ('customer', 'agent', 'system')),
  author_id uuid,
  author_name text NOT NULL,
  body text NOT NULL,
  system_type text,
  client_msg_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chat_id, seq)
);
CREATE UNIQUE INDEX chat_events_client_msg ON chat_events (chat_id, author, client_msg_id) WHERE client_msg_id IS NOT NULL;

CREATE TABLE offline_items (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('message', 'callback')),
  email text,
  message text,
  name text,
  phone text,
  preferred_time text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offline_items_client ON offline_items (client_id, created_at);

CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  client_id uuid REFERENCES clients(id) ON DELETE CASCADE,
  to_address text NOT NULL,
  reply_to text,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('kept', 'sent', 'failed')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
`,
  },
  {
    version: 2,
    name: 'admin audit log',
    sql: `
CREATE TABLE audit_log (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  -- kept when the person is deleted later: the log must still say who
  actor_id uuid,
  actor_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  entity_type text NOT NULL CHECK (entity_type IN ('queue', 'person')),
  entity_id uuid NOT NULL,
  entity_name text NOT NULL,
  action text NOT NULL,
  -- { "path.to.key": { "from": …, "to": … } }
  diff jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_client ON audit_log (client_id, at DESC);
`,
  },
  {
    version: 3,
    name: 'security: sessions end on password change or deactivation, privacy erasure in the audit log',
    sql: `
ALTER TABLE users ADD COLUMN password_changed_at timestamptz;
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX offline_items_email ON offline_items (client_id, lower(email));

-- Whatever code changes a password or deactivates a person, their sessions end
-- in the same transaction; sessionFromToken also refuses sessions older than
-- password_changed_at. Sockets are disconnected by endSessionsOf (src/app/auth.ts).
CREATE FUNCTION users_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.password_hash IS DISTINCT FROM OLD.password_hash THEN
    NEW.password_changed_at := now();
    DELETE FROM sessions WHERE user_id = NEW.id;
  END IF;
  IF OLD.active AND NOT NEW.active THEN
    DELETE FROM sessions WHERE user_id = NEW.id;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_end_sessions BEFORE UPDATE OF password_hash, active ON users
  FOR EACH ROW EXECUTE FUNCTION users_end_sessions();

-- An erasure of a customer's data (by email address) is recorded in the audit log.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('queue', 'person', 'customer'));
`,
  },
  {
    version: 4,
    name: 'routing and agent work: away reason, offline item outcomes',
    sql: `
-- 'not_responding' when an offer timed out on the agent; cleared when they set a status.
ALTER TABLE users ADD COLUMN away_reason text;
ALTER TABLE offline_items ADD COLUMN handled_by uuid REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE offline_items ADD COLUMN handled_at timestamptz;
ALTER TABLE offline_items ADD COLUMN outcome text CHECK (outcome IN ('replied', 'reached', 'no_answer', 'rescheduled'));
ALTER TABLE offline_items ADD COLUMN response text;
-- Offline items are work too: offered to a free agent like chats (offered_to), then
-- held by the agent who accepted (assigned_to) until answered; both take a seat.
ALTER TABLE offline_items ADD COLUMN offered_to uuid REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE offline_items ADD COLUMN offered_at timestamptz;
ALTER TABLE offline_items ADD COLUMN assigned_to uuid REFERENCES users(id) ON DELETE SET NULL;
ALTER TABLE offline_items ADD COLUMN passed_by text[] NOT NULL DEFAULT '{}';
CREATE INDEX offline_items_waiting ON offline_items (queue_id, created_at) WHERE status = 'open' AND offered_to IS NULL AND assigned_to IS NULL;
CREATE INDEX chats_agent_history ON chats (client_id, agent_id, ended_at DESC) WHERE status = 'ended';
`,
  },
  {
    version: 5,
    name: 'deleted queues keep their transcripts',
    sql: `
-- A deleted queue is hidden everywhere but its rows stay, so the chats answered in it
-- (transcripts, history) and the offline items handled in it are never lost with it.
ALTER TABLE queues ADD COLUMN deleted_at timestamptz;
`,
  },
  {
    version: 6,
    name: 'customer presence, abandonment and inactivity timers',
    sql: `
-- Until when the customer's page counts as present: renewed by the heartbeat of the node
-- holding their socket, set to now() when their last socket there closes. A node that dies
-- stops renewing, so its customers lapse too. Gone for CUSTOMER_GRACE_SECONDS past it: a
-- waiting chat is abandoned, an active one ends.
ALTER TABLE chats ADD COLUMN customer_present_until timestamptz NOT NULL DEFAULT now();
-- The last message by either side (or the agent's accept): the queue's inactivity timeout
-- counts from it; warned_at is set when the customer was warned, cleared by a new message.
ALTER TABLE chats ADD COLUMN last_message_at timestamptz;
ALTER TABLE chats ADD COLUMN inactivity_warned_at timestamptz;
UPDATE chats SET last_message_at = coalesce(accepted_at, now()) WHERE status = 'active';
CREATE INDEX chats_customer_presence ON chats (customer_present_until) WHERE status <> 'ended';
CREATE INDEX chats_active_idle ON chats (last_message_at) WHERE status = 'active';
-- abandoned: the customer went away while waiting (never answered);
-- customer_gone: went away during the chat; inactivity: closed after no messages.
ALTER TABLE chats DROP CONSTRAINT IF EXISTS chats_ended_by_check;
ALTER TABLE chats ADD CONSTRAINT chats_ended_by_check
  CHECK (ended_by IN ('customer', 'agent', 'system', 'abandoned', 'customer_gone', 'inactivity'));
`,
  },
  {
    version: 7,
    name: 'admins end stuck chats: audited as chat entries',
    sql: `
-- An admin ending a stuck chat from the portal is recorded in the audit log.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('queue', 'person', 'customer', 'chat'));
`,
  },
  {
    version: 8,
    name: 'mail outbox: retries with back-off, leases, failed mail kept for the admin',
    sql: `
-- queued: waiting to be sent (next_attempt_at); sending: claimed by a node until locked_until
-- (a node that dies mid-send leaves a lease that expires, and another node sends it);
-- sent; failed: gave up after the maximum attempts (the admin can send it again);
-- kept: no SMTP server configured, the outbox is where it is read.
ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'kept'));
ALTER TABLE outbox RENAME COLUMN error TO last_error;
ALTER TABLE outbox ADD COLUMN attempts int NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE outbox ADD COLUMN locked_until timestamptz;
-- Sent on every attempt, so a rare duplicate delivery is recognisable.
ALTER TABLE outbox ADD COLUMN message_id text;
ALTER TABLE outbox ADD COLUMN in_reply_to text;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_client ON outbox (client_id, created_at DESC);

-- "Send again" on a failed mail is recorded in the audit log.
ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('queue', 'person', 'customer', 'chat', 'mail'));
`,
  },
  {
    version: 12,
    name: 'chat heads: when each chat last had an event',
    sql: `
-- Set with every event (in the statement that bumps last_seq). The leader announces the newest seq
-- of chats written to recently, so a receiver that missed an event (its publisher died between
-- commit and publish, or the bus was down) notices the gap and syncs.
ALTER TABLE chats ADD COLUMN last_event_at timestamptz;
CREATE INDEX chats_last_event ON chats (last_event_at);
`,
  },
  {
    version: 13,
    name: 'offer receipts: an offer that never reached the console blames nobody',
    sql: `
-- Set when the agent's console confirms it shows the offer (offer:seen). An offer that times out
-- unseen never reached the agent (the bus between nodes was down): it goes back in line and the
-- agent is not set Away as "not responding".
ALTER TABLE chats ADD COLUMN offer_seen_at timestamptz;
ALTER TABLE offline_items ADD COLUMN offer_seen_at timestamptz;
`,
  },
  {
    version: 14,
    name: 'indexes for queue statistics and seat counts',
    sql: `
-- The wait estimate reads a queue's recent handle times (last ended chats) and the last customers
-- to leave its line (answered or given up); without these each read scanned the queue's history.
CREATE INDEX chats_queue_ended ON chats (queue_id, ended_at) WHERE status = 'ended';
CREATE INDEX chats_queue_left_line ON chats (queue_id, (coalesce(accepted_at, ended_at)))
  WHERE accepted_at IS NOT NULL OR status = 'ended';
-- Seats (src/app/seats.ts) count an agent's open offline items, offered or in hand, on every routing pass.
CREATE INDEX offline_items_offered_to ON offline_items (offered_to) WHERE status = 'open';
CREATE INDEX offline_items_assigned_to ON offline_items (assigned_to) WHERE status = 'open';
`,
  },
];
