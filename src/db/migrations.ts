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
  {
    version: 15,
    name: 'API tokens per client for server-to-server use',
    sql: `
-- The secret is shown once at creation; only its SHA-256 is kept (like sessions), so a database leak
-- grants nothing. Revoked tokens keep their row (revoked_at) so the audit log's entity stays named.
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  name text NOT NULL,
  scopes text[] NOT NULL,
  -- kept when the person is deleted later: the list must still say who
  created_by uuid,
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_client ON api_tokens (client_id, created_at DESC) WHERE revoked_at IS NULL;

ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('queue', 'person', 'customer', 'chat', 'mail', 'api_token'));
`,
  },
  {
    version: 16,
    name: 'webhooks per client and their durable deliveries',
    sql: `
-- An endpoint of the client's that is told of chat and offline-work events. The secret signs every
-- delivery (HMAC-SHA256); it is kept in clear because the server must sign with it (like an SMTP password).
CREATE TABLE webhooks (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  url text NOT NULL,
  description text NOT NULL DEFAULT '',
  events text[] NOT NULL,
  secret text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
-- Events are enqueued by a statement that looks up the client's live endpoints.
CREATE INDEX webhooks_client ON webhooks (client_id) WHERE active AND deleted_at IS NULL;

-- One row per event per endpoint: a job of the durable job queue (src/jobs/leasedJobs.ts), written in
-- the transaction of the change it tells about. The body is fixed at enqueue time, so every attempt
-- (and a redelivery) sends the same bytes with the same delivery id.
CREATE TABLE webhook_deliveries (
  id uuid PRIMARY KEY,
  webhook_id uuid NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  event text NOT NULL,
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  last_status int,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status IN ('queued', 'sending');
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at DESC);

ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('queue', 'person', 'customer', 'chat', 'mail', 'api_token', 'webhook'));
`,
  },
  {
    version: 17,
    name: 'system lines as ids and parameters',
    sql: `
-- A system line's id and parameters ({"id": "agent_left", "params": {"name": "Sophie"}}), rendered in
-- the reader's language (src/protocol/systemLines.ts). Rows from before keep their English body.
ALTER TABLE chat_events ADD COLUMN line jsonb;
`,
  },
  {
    version: 18,
    name: 'chat transfers between agents and queues',
    sql: `
-- One row per transfer an agent asks for (src/app/transfers.ts): to another agent (offered, with a
-- countdown, the sender keeps the chat until the answer) or to another queue (done at once: the chat
-- joins that line at the front). Refusals after the request (declined, timed out, the receiver went
-- offline, the chat ended) are recorded with their reason; a request refused on the spot stores nothing.
CREATE TABLE chat_transfers (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  from_agent_id uuid NOT NULL REFERENCES users(id),
  from_name text NOT NULL,
  to_agent_id uuid REFERENCES users(id),
  to_queue_id uuid REFERENCES queues(id),
  to_name text NOT NULL,
  note text NOT NULL DEFAULT '',
  state text NOT NULL CHECK (state IN ('offered', 'accepted', 'refused')),
  reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  answered_at timestamptz,
  CHECK ((to_agent_id IS NULL) <> (to_queue_id IS NULL))
);
-- One open transfer per chat.
CREATE UNIQUE INDEX chat_transfers_open ON chat_transfers (chat_id) WHERE state = 'offered';
-- The receiver's seat is held while a transfer is offered to them (src/app/seats.ts counts these).
CREATE INDEX chat_transfers_offered_to ON chat_transfers (to_agent_id) WHERE state = 'offered';
-- The chat's latest transfer (who, which note), shown with its offers and in the receiving agent's chat pane.
ALTER TABLE chats ADD COLUMN last_transfer jsonb;
`,
  },
  {
    version: 19,
    name: 'supervisor live view: time in state, whispers',
    sql: `
-- When an agent's state last changed (Available, Away, not responding, Offline), for "time in state"
-- on the live view. Kept by a trigger so that every writer of users.status (status:set, the sweeper's
-- not responding and presence expiry, deactivation) keeps it without knowing of it.
ALTER TABLE users ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now();
CREATE FUNCTION users_status_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status IS DISTINCT FROM OLD.status OR NEW.away_reason IS DISTINCT FROM OLD.away_reason THEN
    NEW.status_changed_at := now();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_status_changed BEFORE UPDATE OF status, away_reason ON users
  FOR EACH ROW EXECUTE FUNCTION users_status_changed();

-- A supervisor's note to the agent of a chat. A table of its own, never chat_events: every customer
-- read (sync, transcript, export) reads chat_events only, so a whisper cannot reach a customer.
CREATE TABLE whispers (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  -- the agent it was meant for (the chat's agent when it was written)
  agent_id uuid REFERENCES users(id) ON DELETE SET NULL,
  body text NOT NULL,
  -- the chat's last seq when it was written: where it sits in the agent's transcript
  after_seq int NOT NULL,
  client_msg_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX whispers_once ON whispers (chat_id, author_id, client_msg_id);
CREATE INDEX whispers_chat ON whispers (chat_id, created_at);

-- The live view reads a client's open chats (counts per queue, the list) on every change it pushes.
CREATE INDEX chats_open_client ON chats (client_id, queued_at) WHERE status <> 'ended';
`,
  },
  {
    version: 20,
    name: 'declined offers, so a declined chat is not offered to the same agent again at once',
    sql: `
-- One row per chat and agent who declined it, with the last time they did (src/app/declines.ts).
-- The router does not offer the chat to that agent again until DECLINE_COOLDOWN_SECONDS have passed
-- (someone else may take it meanwhile). chats.passed_by still ranks everyone who passed last.
CREATE TABLE chat_declines (
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  declined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (chat_id, agent_id)
);
`,
  },
  {
    version: 21,
    name: 'offer outcomes for the reports',
    sql: `
-- Every offer an agent declined or let time out (accepted offers are the chats' accepted_at): the
-- reports count them per queue and per agent. Written with the return to the line (src/app/lineReturns.ts).
CREATE TABLE offer_outcomes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES users(id),
  outcome text NOT NULL CHECK (outcome IN ('declined', 'timed_out')),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_outcomes_client ON offer_outcomes (client_id, at);
-- A report over a queue's or an agent's year reads their chats by time.
CREATE INDEX chats_queue_queued ON chats (queue_id, queued_at);
CREATE INDEX chats_client_accepted ON chats (client_id, accepted_at) WHERE accepted_at IS NOT NULL;
`,
  },
  {
    version: 22,
    name: 'report marks that survive transfers and returns to the line',
    sql: `
-- A chat's queue, place and acceptance change as it is transferred or goes back in line; the reports
-- count it where the customer joined, with the wait they really had, and every agent who took it.
-- Kept by triggers, so every writer of chats keeps them without knowing of them.
ALTER TABLE chats ADD COLUMN entry_queue_id uuid, ADD COLUMN entered_at timestamptz, ADD COLUMN first_accepted_at timestamptz;
UPDATE chats SET entry_queue_id = queue_id, entered_at = queued_at, first_accepted_at = accepted_at;
ALTER TABLE chats ALTER COLUMN entry_queue_id SET NOT NULL, ALTER COLUMN entered_at SET NOT NULL;
CREATE INDEX chats_client_entered ON chats (client_id, entered_at);

CREATE FUNCTION chats_report_marks() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.entry_queue_id := coalesce(NEW.entry_queue_id, NEW.queue_id);
    NEW.entered_at := coalesce(NEW.entered_at, NEW.queued_at);
  END IF;
  IF NEW.accepted_at IS NOT NULL AND NEW.first_accepted_at IS NULL THEN
    NEW.first_accepted_at := NEW.accepted_at;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER chats_report_marks BEFORE INSERT OR UPDATE ON chats FOR EACH ROW EXECUTE FUNCTION chats_report_marks();

-- Every time an agent took a chat: accepting an offer, a transfer to them, a chat back from the line.
CREATE TABLE chat_acceptances (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  agent_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL,
  -- When the agent stopped holding it (the next agent took it, it went back in line, it ended).
  released_at timestamptz
);
CREATE INDEX chat_acceptances_client ON chat_acceptances (client_id, at);
CREATE INDEX chat_acceptances_held ON chat_acceptances (chat_id) WHERE released_at IS NULL;
INSERT INTO chat_acceptances (client_id, chat_id, queue_id, agent_id, at, released_at)
  SELECT client_id, id, queue_id, agent_id, accepted_at, ended_at FROM chats WHERE accepted_at IS NOT NULL AND agent_id IS NOT NULL;

CREATE FUNCTION chats_log_acceptance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.accepted_at IS NOT NULL
     AND (NEW.accepted_at IS NULL OR NEW.agent_id IS DISTINCT FROM OLD.agent_id OR (NEW.status = 'ended' AND OLD.status <> 'ended')) THEN
    UPDATE chat_acceptances SET released_at = coalesce(NEW.ended_at, now()) WHERE chat_id = NEW.id AND released_at IS NULL;
  END IF;
  IF NEW.agent_id IS NOT NULL AND NEW.accepted_at IS NOT NULL
     AND (TG_OP = 'INSERT' OR OLD.accepted_at IS NULL OR OLD.agent_id IS DISTINCT FROM NEW.agent_id) THEN
    INSERT INTO chat_acceptances (client_id, chat_id, queue_id, agent_id, at, released_at)
      VALUES (NEW.client_id, NEW.id, NEW.queue_id, NEW.agent_id, CASE WHEN TG_OP = 'INSERT' THEN NEW.accepted_at ELSE now() END,
              CASE WHEN NEW.status = 'ended' THEN NEW.ended_at END);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER chats_log_acceptance AFTER INSERT OR UPDATE OF agent_id, accepted_at, status ON chats FOR EACH ROW EXECUTE FUNCTION chats_log_acceptance();
`,
  },
  {
    version: 24,
    name: 'post-chat surveys',
    sql: `
-- One answer per chat (the primary key makes a second submit change nothing). The queue is the one the
-- chat ended in; agent_ids every agent who held it (chat_acceptances), so each is credited in the reports.
CREATE TABLE chat_surveys (
  chat_id uuid PRIMARY KEY REFERENCES chats(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  queue_id uuid NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
  agent_ids uuid[] NOT NULL DEFAULT '{}',
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_surveys_client ON chat_surveys (client_id, created_at);
`,
  },
  {
    version: 25,
    name: 'chat attachments',
    sql: `
-- Files sent in a chat (src/app/attachments/). The bytes live here (bytea) unless ATTACHMENTS_DIR
-- is set, then in that folder under the row's id and bytes stays NULL. A file is referenced by one
-- chat event (chat_events.attachment carries its id, name, type and size so every reader of the log
-- has them without a join); erasing a customer deletes the rows (and the files).
CREATE TABLE attachments (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  author text NOT NULL CHECK (author IN ('customer', 'agent')),
  author_id uuid,
  name text NOT NULL,
  content_type text NOT NULL,
  size int NOT NULL CHECK (size > 0),
  bytes bytea,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachments_chat ON attachments (chat_id);
ALTER TABLE chat_events ADD COLUMN attachment jsonb;
`,
  },
  {
    version: 26,
    name: 'canned replies and internal notes',
    sql: `
-- An admin's ready-made replies for the agents of a client (src/app/cannedReplies.ts): a shortcut the
-- agent types after "/" in the composer, a text, and optionally the queues it is meant for (none: all).
CREATE TABLE canned_replies (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  shortcut text NOT NULL,
  body text NOT NULL,
  queue_ids uuid[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX canned_replies_shortcut ON canned_replies (client_id, lower(shortcut));

-- A staff-only note on a chat (src/app/chatNotes.ts). A table of its own, never chat_events, like
-- whispers: every customer read (live room, sync, transcript, export to the customer) reads chat_events
-- only, so a note cannot reach a customer by construction.
CREATE TABLE chat_notes (
  id uuid PRIMARY KEY,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  chat_id uuid NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
  author_id uuid REFERENCES users(id) ON DELETE SET NULL,
  author_name text NOT NULL,
  author_role text NOT NULL CHECK (author_role IN ('agent', 'supervisor', 'admin')),
  body text NOT NULL,
  -- the chat's last seq when it was written: where it sits in the transcript
  after_seq int NOT NULL,
  client_msg_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX chat_notes_once ON chat_notes (chat_id, author_id, client_msg_id);
CREATE INDEX chat_notes_chat ON chat_notes (chat_id, created_at);

ALTER TABLE audit_log DROP CONSTRAINT IF EXISTS audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check
  CHECK (entity_type IN ('queue', 'person', 'customer', 'chat', 'mail', 'api_token', 'webhook', 'canned_reply'));
`,
  },
  {
    version: 28,
    name: 'transfers counted in reports, the first wait estimate kept',
    sql: `
-- The queue the chat was in when it was transferred (src/app/transfers.ts), so reports count a queue's
-- transfers out (src/app/reports/reportSpecs.ts). Older rows: the queue a chat is in changes only by a
-- transfer to a queue, so it is the previous accepted queue transfer's target, else the entry queue.
ALTER TABLE chat_transfers ADD COLUMN from_queue_id uuid REFERENCES queues(id);
UPDATE chat_transfers t
   SET from_queue_id = coalesce(
         (SELECT p.to_queue_id FROM chat_transfers p
           WHERE p.chat_id = t.chat_id AND p.to_queue_id IS NOT NULL AND p.state = 'accepted' AND p.created_at < t.created_at
           ORDER BY p.created_at DESC LIMIT 1),
         c.entry_queue_id, c.queue_id)
  FROM chats c WHERE c.id = t.chat_id;
-- Reports read accepted transfers by when they happened.
CREATE INDEX chat_transfers_answered ON chat_transfers (client_id, answered_at) WHERE state = 'accepted';
-- The wait estimate the customer was first shown when they joined the line (seconds; null when the
-- queue showed none or it could not be honest), for the live view's estimate accuracy (liveBoard.ts).
ALTER TABLE chats ADD COLUMN first_estimate_seconds int;
`,
  },
  {
    version: 29,
    name: 'an emailed reply to a left message knows its mail',
    sql: `
-- The outbox row of the reply an agent emailed (src/app/offlineWork.ts), so the console says "Reply
-- queued" until the mail worker has sent it, and "not delivered" if it failed (src/app/offlineItems.ts).
ALTER TABLE offline_items ADD COLUMN reply_mail_id uuid REFERENCES outbox(id) ON DELETE SET NULL;
CREATE INDEX offline_items_reply_mail ON offline_items (reply_mail_id) WHERE reply_mail_id IS NOT NULL;
`,
  },
  {
    version: 30,
    name: 'waiting customers counted per queue',
    sql: `
-- How many chats of a queue are 'queued', so a chat start checks maxWaiting and joins the line in one
-- statement (src/app/chatStarter.ts) instead of counting them under the queue's lock in a transaction.
-- A row of its own, not a column of queues: routers, transfers and admins lock the queues row for a
-- whole transaction, and a count kept there would make every chat end or return wait for them.
CREATE TABLE queue_lines (
  queue_id uuid PRIMARY KEY REFERENCES queues(id) ON DELETE CASCADE,
  client_id uuid NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
  waiting int NOT NULL DEFAULT 0
);

CREATE FUNCTION queues_line_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO queue_lines (queue_id, client_id) VALUES (NEW.id, NEW.client_id);
  RETURN NULL;
END $$;
CREATE TRIGGER queues_line_row AFTER INSERT ON queues FOR EACH ROW EXECUTE FUNCTION queues_line_row();

-- Kept by triggers on chats, so no writer can forget it: every way into or out of 'queued' (start,
-- offer, end, abandon, return to the line, transfer to a queue, sweeper, a deleted row) counts.
-- Two steps, so that a transaction locks its queue_lines rows LAST (at commit, in queue id order):
--  1. chats_line_move, as each row changes: adds ±1 per queue to a transaction-local setting (no lock);
--  2. chats_line_apply, deferred to commit: applies the sums, locking the rows in queue id order.
-- Counted at once (step 1 alone) the row would be locked mid-transaction, before the users and chats
-- rows a router or an end locks next: two of them would deadlock. Sums in one setting: one lock per
-- queue per transaction, in one order, so two transactions moving chats of the same queues cannot
-- deadlock either. The setting is transaction-local: it is undone with a rolled-back (sub)transaction,
-- exactly as the row changes it counts.
CREATE FUNCTION chats_line_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moves jsonb := coalesce(nullif(current_setting('reactive_chat.line_moves', true), ''), '{}')::jsonb;
  queue text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    IF OLD.status = 'queued' THEN
      queue := OLD.queue_id::text;
      moves := jsonb_set(moves, ARRAY[queue], to_jsonb(coalesce((moves->>queue)::int, 0) - 1));
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    IF NEW.status = 'queued' THEN
      queue := NEW.queue_id::text;
      moves := jsonb_set(moves, ARRAY[queue], to_jsonb(coalesce((moves->>queue)::int, 0) + 1));
    END IF;
  END IF;
  PERFORM set_config('reactive_chat.line_moves', moves::text, true);
  RETURN NULL;
END $$;

CREATE FUNCTION chats_line_apply() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moves jsonb := nullif(current_setting('reactive_chat.line_moves', true), '')::jsonb;
BEGIN
  -- The first deferred event of the transaction applies every move; the others find nothing left.
  IF moves IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('reactive_chat.line_moves', '', true);
  PERFORM 1 FROM queue_lines
    WHERE queue_id IN (SELECT key::uuid FROM jsonb_each_text(moves) WHERE value::int <> 0)
    ORDER BY queue_id FOR NO KEY UPDATE;
  UPDATE queue_lines l SET waiting = l.waiting + m.value::int
    FROM jsonb_each_text(moves) m
   WHERE l.queue_id = m.key::uuid AND m.value::int <> 0;
  RETURN NULL;
END $$;

-- WHEN keeps every other write of chats (messages, presence, typing marks) free of both functions.
CREATE TRIGGER chats_line_move_insert AFTER INSERT ON chats FOR EACH ROW
  WHEN (NEW.status = 'queued') EXECUTE FUNCTION chats_line_move();
CREATE TRIGGER chats_line_move_update AFTER UPDATE OF status, queue_id ON chats FOR EACH ROW
  WHEN ((OLD.status = 'queued' OR NEW.status = 'queued') AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.queue_id IS DISTINCT FROM NEW.queue_id))
  EXECUTE FUNCTION chats_line_move();
CREATE TRIGGER chats_line_move_delete AFTER DELETE ON chats FOR EACH ROW
  WHEN (OLD.status = 'queued') EXECUTE FUNCTION chats_line_move();
CREATE CONSTRAINT TRIGGER chats_line_apply_insert AFTER INSERT ON chats DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.status = 'queued') EXECUTE FUNCTION chats_line_apply();
CREATE CONSTRAINT TRIGGER chats_line_apply_update AFTER UPDATE OF status, queue_id ON chats DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((OLD.status = 'queued' OR NEW.status = 'queued') AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.queue_id IS DISTINCT FROM NEW.queue_id))
  EXECUTE FUNCTION chats_line_apply();
CREATE CONSTRAINT TRIGGER chats_line_apply_delete AFTER DELETE ON chats DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status = 'queued') EXECUTE FUNCTION chats_line_apply();

-- Backfilled after the triggers exist: creating them locked chats against writes until this commits,
-- so no chat moves between the count and the triggers.
INSERT INTO queue_lines (queue_id, client_id, waiting)
  SELECT q.id, q.client_id, (SELECT count(*) FROM chats c WHERE c.queue_id = q.id AND c.status = 'queued') FROM queues q;
`,
  },
  {
    version: 31,
    name: 'a message updates its chat in place',
    sql: `
-- A message bumps last_seq, last_event_at, last_message_at and inactivity_warned_at on its chats row
-- (src/app/messageBatch.ts). While any of those was indexed, PostgreSQL wrote a new row version AND a
-- new entry in each of the table's 15 indexes for every message (0.6 % of updates were HOT). With none
-- of them indexed the update is HOT: the new version goes on the same page and no index is touched.
-- The two indexes' readers use indexes on columns a message does not change instead:
--  - the inactivity sweep (src/app/chatTimers.ts) reads the active chats, by when they were accepted;
--  - the chat heads (src/app/chatHeads.ts) read the open chats and those ended within their window
--    (no event is written to a chat after the one that ends it).
DROP INDEX chats_active_idle;
DROP INDEX chats_last_event;
CREATE INDEX chats_active_since ON chats (accepted_at) WHERE status = 'active';
CREATE INDEX chats_ended_at ON chats (ended_at) WHERE status = 'ended';
-- Room on each page for the in-place versions (new pages; old ones free up as they are pruned).
ALTER TABLE chats SET (fillfactor = 85);
-- The report marks only look at accepted_at: not run for every message's update.
DROP TRIGGER chats_report_marks ON chats;
CREATE TRIGGER chats_report_marks BEFORE INSERT OR UPDATE OF accepted_at, first_accepted_at ON chats FOR EACH ROW EXECUTE FUNCTION chats_report_marks();
`,
  },
  {
    version: 32,
    name: 'a chat counts the changes of its state',
    sql: `
-- A customer's page is told its chat's state by several writers (the place broadcast, an offer's accept,
-- a return to the line), each reading the row at its own moment and publishing through its own node: a
-- place broadcast that read the chat while it was offered could reach the page after the accept's
-- "active" and put the customer back to "Connecting you" (seen on PostgreSQL with two nodes). Each change
-- of status or agent counts here, in the same write; the view carries the count and the page keeps the
-- newest (web/customer/chatState.ts). A trigger, so no writer can forget it; UPDATE OF and WHEN keep it
-- off a message's update of the row (still HOT: the column is not indexed).
ALTER TABLE chats ADD COLUMN state_version integer NOT NULL DEFAULT 0;
CREATE FUNCTION chats_state_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.state_version := OLD.state_version + 1;
  RETURN NEW;
END $$;
CREATE TRIGGER chats_state_version BEFORE UPDATE OF status, agent_id ON chats FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.agent_id IS DISTINCT FROM NEW.agent_id)
  EXECUTE FUNCTION chats_state_version();
`,
  },
];
