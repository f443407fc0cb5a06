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
];
