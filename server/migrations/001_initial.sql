-- Centralita data model, version 1. PostgreSQL 15-compatible (PGlite runs 18: no uuidv7(),
-- MERGE … RETURNING, JSON_TABLE, ANY_VALUE or RETURNING old/new here).
-- Conventions: client-created rows use client-generated UUIDs; `rev` is the row's server
-- revision (bumped on every change); HLC stamps are text that sorts in causal order.

-- ── People ───────────────────────────────────────────────────────────────────────────────
CREATE TABLE teams (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username       text NOT NULL,
  display_name   text NOT NULL,
  role           text NOT NULL CHECK (role IN ('agent', 'team_lead', 'admin')),
  -- Agents and team leads belong to one team; a team lead leads the team they belong to.
  team_id        uuid REFERENCES teams (id),
  -- SIP extension only: the SIP password lives in the PBX, never here.
  sip_extension  text UNIQUE,
  password_hash  text NOT NULL,
  is_demo        boolean NOT NULL DEFAULT false,
  disabled_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (role = 'admin' OR team_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_team_idx ON users (team_id);

CREATE TABLE refresh_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  -- Rotation family: presenting an already-rotated token revokes the whole family.
  family_id    uuid NOT NULL,
  -- SHA-256 of the token; the token itself is never stored.
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  replaced_by  uuid REFERENCES refresh_tokens (id)
);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);

-- Agent presence for availability reads: one row per agent, replaced on every state change.
CREATE TABLE agent_status (
  user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  state       text NOT NULL CHECK (state IN ('offline', 'available', 'on_call', 'wrap_up', 'paused')),
  pause_code  text,
  since       timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- ── Reference lists ──────────────────────────────────────────────────────────────────────
CREATE TABLE dispositions (
  code             text PRIMARY KEY,
  label_en         text NOT NULL,
  label_es         text NOT NULL,
  hotkey           smallint UNIQUE CHECK (hotkey BETWEEN 1 AND 9),
  -- Wrap-up fields that must be filled for this disposition, e.g. ["complaintTypeId","notes"].
  required_fields  jsonb NOT NULL DEFAULT '[]',
  resolves         boolean NOT NULL DEFAULT false,
  sort_order       integer NOT NULL DEFAULT 0,
  active           boolean NOT NULL DEFAULT true
);

CREATE TABLE pause_codes (
  code         text PRIMARY KEY,
  label_en     text NOT NULL,
  label_es     text NOT NULL,
  paid         boolean NOT NULL DEFAULT true,
  max_minutes  integer,
  sort_order   integer NOT NULL DEFAULT 0,
  active       boolean NOT NULL DEFAULT true
);

-- One company-wide complaint taxonomy, versioned: a version is an immutable tree.
CREATE TABLE taxonomy_versions (
  version       integer PRIMARY KEY,
  published_at  timestamptz NOT NULL DEFAULT now(),
  note          text NOT NULL DEFAULT ''
);
CREATE TABLE taxonomy_nodes (
  version     integer NOT NULL REFERENCES taxonomy_versions (version),
  id          text NOT NULL,
  parent_id   text,
  label_en    text NOT NULL,
  label_es    text NOT NULL,
  sla_hours   integer NOT NULL DEFAULT 72,
  sort_order  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (version, id),
  FOREIGN KEY (version, parent_id) REFERENCES taxonomy_nodes (version, id)
);

-- Call scripts: versioned JSON graphs (the scripts issue defines the graph).
CREATE TABLE scripts (
  id            text NOT NULL,
  version       integer NOT NULL CHECK (version > 0),
  name          text NOT NULL,
  definition    jsonb NOT NULL,
  created_by    uuid REFERENCES users (id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz,
  PRIMARY KEY (id, version)
);

-- Tunables (priority weights, exclusion thresholds, …) as JSON by key.
CREATE TABLE app_settings (
  key         text PRIMARY KEY,
  value       jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- ── Customers: the golden record ─────────────────────────────────────────────────────────
CREATE TABLE customers (
  id                 uuid PRIMARY KEY,
  display_name       text NOT NULL,
  language           text,
  preferred_channel  text CHECK (preferred_channel IN ('call', 'email', 'chat', 'social', 'visit')),
  loyalty_level      text NOT NULL DEFAULT 'none' CHECK (loyalty_level IN ('none', 'bronze', 'silver', 'gold', 'platinum')),
  clv                numeric(14, 2) NOT NULL DEFAULT 0,
  influencer         boolean NOT NULL DEFAULT false,
  influencer_reach   integer NOT NULL DEFAULT 0 CHECK (influencer_reach >= 0),
  -- A merged duplicate keeps its row (history) and points at the surviving record.
  merged_into        uuid REFERENCES customers (id),
  rev                bigint NOT NULL DEFAULT 1,
  -- Per-field HLC stamps for last-writer-wins: {"displayName": "<hlc>", …}.
  field_ts           jsonb NOT NULL DEFAULT '{}',
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_name_prefix_idx ON customers (lower(display_name) text_pattern_ops);
CREATE INDEX customers_merged_into_idx ON customers (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE customer_merges (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  survivor_id  uuid NOT NULL REFERENCES customers (id),
  merged_id    uuid NOT NULL REFERENCES customers (id),
  merged_by    uuid REFERENCES users (id),
  merged_at    timestamptz NOT NULL DEFAULT now(),
  -- The duplicate's state at merge time, so the merge can be audited or undone.
  snapshot     jsonb NOT NULL
);

-- Phones in E.164, own table, btree index: lookups by number must never scan.
CREATE TABLE customer_phones (
  id           uuid PRIMARY KEY,
  customer_id  uuid NOT NULL REFERENCES customers (id),
  e164         text NOT NULL CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  label        text,
  stamp        text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, e164)
);
CREATE INDEX customer_phones_e164_idx ON customer_phones (e164);

-- Every other identity: emails (lowercased), customer numbers, usernames, social handles.
CREATE TABLE customer_identities (
  id           uuid PRIMARY KEY,
  customer_id  uuid NOT NULL REFERENCES customers (id),
  kind         text NOT NULL CHECK (kind IN ('email', 'customer_number', 'username', 'social')),
  value        text NOT NULL,
  stamp        text NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, kind, value)
);
CREATE INDEX customer_identities_lookup_idx ON customer_identities (kind, value);

-- Removal stamps for the identity sets (last-writer-wins element set): an add stamped before
-- the latest removal of the same value does not bring it back.
CREATE TABLE identity_removals (
  customer_id  uuid NOT NULL REFERENCES customers (id),
  kind         text NOT NULL,
  value        text NOT NULL,
  stamp        text NOT NULL,
  PRIMARY KEY (customer_id, kind, value)
);

-- Current consent per customer and channel; consent_events keeps every decision.
CREATE TABLE consents (
  id           uuid PRIMARY KEY,
  customer_id  uuid NOT NULL REFERENCES customers (id),
  channel      text NOT NULL CHECK (channel IN ('phone', 'sms', 'email', 'whatsapp', 'post')),
  status       text NOT NULL CHECK (status IN ('granted', 'revoked')),
  source       text NOT NULL,
  -- HLC stamp of the decision in force; a grant must be stamped later than a revocation.
  stamp        text NOT NULL,
  stamped_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  rev          bigint NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, channel)
);
CREATE INDEX consents_revoked_idx ON consents (customer_id) WHERE status = 'revoked';

CREATE TABLE consent_events (
  id           bigserial PRIMARY KEY,
  customer_id  uuid NOT NULL REFERENCES customers (id),
  channel      text NOT NULL,
  status       text NOT NULL CHECK (status IN ('granted', 'revoked')),
  source       text NOT NULL,
  stamp        text NOT NULL,
  stamped_at   timestamptz NOT NULL,
  recorded_by  uuid REFERENCES users (id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  -- false when a revocation in force made this grant ineffective
  effective    boolean NOT NULL
);
CREATE INDEX consent_events_customer_idx ON consent_events (customer_id, channel);

-- ── Interactions, surveys, complaints ────────────────────────────────────────────────────
CREATE TABLE interactions (
  id                        uuid PRIMARY KEY,
  customer_id               uuid REFERENCES customers (id),
  channel                   text NOT NULL CHECK (channel IN ('call', 'email', 'chat', 'social', 'visit')),
  direction                 text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  queue                     text,
  agent_id                  uuid NOT NULL REFERENCES users (id),
  team_id                   uuid REFERENCES teams (id),
  remote_number             text,
  line                      smallint,
  queued_at                 timestamptz,
  answered_at               timestamptz,
  ended_at                  timestamptz,
  hold_seconds              integer NOT NULL DEFAULT 0 CHECK (hold_seconds >= 0),
  transfer_target           text,
  transferred_from          uuid,
  -- Wrap-up (set once by the agent; team leads re-tag through outcome_tags).
  wrapped_up_at             timestamptz,
  disposition               text,
  emotion_start             text CHECK (emotion_start IN ('calm', 'satisfied', 'confused', 'anxious', 'frustrated', 'angry')),
  emotion_start_intensity   smallint CHECK (emotion_start_intensity BETWEEN 1 AND 3),
  emotion_end               text CHECK (emotion_end IN ('calm', 'satisfied', 'confused', 'anxious', 'frustrated', 'angry')),
  emotion_end_intensity     smallint CHECK (emotion_end_intensity BETWEEN 1 AND 3),
  complaint_type_id         text,
  complaint_id              uuid,
  notes                     text NOT NULL DEFAULT '',
  script_id                 text,
  script_version            integer,
  script_answers            jsonb,
  first_contact_resolution  boolean,
  -- Post-call survey scores for this interaction (null until answered).
  csat                      smallint CHECK (csat BETWEEN 1 AND 5),
  nps                       smallint CHECK (nps BETWEEN 0 AND 10),
  ces                       smallint CHECK (ces BETWEEN 1 AND 7),
  client_ts                 text NOT NULL,
  rev                       bigint NOT NULL DEFAULT 1,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX interactions_customer_idx ON interactions (customer_id, queued_at DESC);
CREATE INDEX interactions_agent_idx ON interactions (agent_id, queued_at DESC);
CREATE INDEX interactions_team_time_idx ON interactions (team_id, queued_at);
CREATE INDEX interactions_complaint_idx ON interactions (complaint_id) WHERE complaint_id IS NOT NULL;

-- NPS / CSAT / CES history per customer (survey answers, possibly tied to an interaction).
CREATE TABLE survey_responses (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id     uuid NOT NULL REFERENCES customers (id),
  interaction_id  uuid REFERENCES interactions (id),
  kind            text NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  score           smallint NOT NULL,
  responded_at    timestamptz NOT NULL,
  CHECK ((kind = 'nps' AND score BETWEEN 0 AND 10) OR (kind = 'csat' AND score BETWEEN 1 AND 5) OR (kind = 'ces' AND score BETWEEN 1 AND 7))
);
CREATE INDEX survey_responses_customer_idx ON survey_responses (customer_id, responded_at DESC);
CREATE INDEX survey_responses_time_idx ON survey_responses (responded_at);

CREATE TABLE complaints (
  id                uuid PRIMARY KEY,
  customer_id       uuid NOT NULL REFERENCES customers (id),
  type_id           text NOT NULL,
  taxonomy_version  integer NOT NULL,
  status            text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved')),
  description       text NOT NULL DEFAULT '',
  opened_by         uuid REFERENCES users (id),
  opened_at         timestamptz NOT NULL,
  sla_due_at        timestamptz NOT NULL,
  resolved_at       timestamptz,
  field_ts          jsonb NOT NULL DEFAULT '{}',
  rev               bigint NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (taxonomy_version, type_id) REFERENCES taxonomy_nodes (version, id)
);
CREATE INDEX complaints_customer_idx ON complaints (customer_id);
CREATE INDEX complaints_open_idx ON complaints (sla_due_at) WHERE status <> 'resolved';
CREATE INDEX complaints_type_idx ON complaints (type_id, opened_at);

CREATE TABLE complaint_interactions (
  complaint_id    uuid NOT NULL REFERENCES complaints (id),
  interaction_id  uuid NOT NULL REFERENCES interactions (id),
  linked_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (complaint_id, interaction_id)
);
CREATE INDEX complaint_interactions_interaction_idx ON complaint_interactions (interaction_id);

-- Re-tags of an interaction's outcome by a team lead: immutable audit rows.
CREATE TABLE outcome_retags (
  id              uuid PRIMARY KEY,
  interaction_id  uuid NOT NULL REFERENCES interactions (id),
  retagged_by     uuid NOT NULL REFERENCES users (id),
  retagged_at     timestamptz NOT NULL DEFAULT now(),
  old             jsonb NOT NULL,
  new             jsonb NOT NULL,
  reason          text NOT NULL CHECK (length(reason) >= 3),
  client_ts       text NOT NULL
);
CREATE INDEX outcome_retags_interaction_idx ON outcome_retags (interaction_id, retagged_at);

CREATE FUNCTION outcome_retags_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'outcome re-tags are immutable audit rows';
END;
$$;
CREATE TRIGGER outcome_retags_no_update BEFORE UPDATE OR DELETE ON outcome_retags
  FOR EACH ROW EXECUTE FUNCTION outcome_retags_immutable();

-- ── Work queues ──────────────────────────────────────────────────────────────────────────
CREATE TABLE queue_items (
  id                uuid PRIMARY KEY,
  kind              text NOT NULL CHECK (kind IN ('callback', 'complaint_follow_up')),
  customer_id       uuid NOT NULL REFERENCES customers (id),
  complaint_id      uuid REFERENCES complaints (id),
  team_id           uuid NOT NULL REFERENCES teams (id),
  due_at            timestamptz NOT NULL,
  assignee_id       uuid REFERENCES users (id),
  state             text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'claimed', 'done', 'cancelled')),
  note              text NOT NULL DEFAULT '',
  disposition       text,
  interaction_id    uuid REFERENCES interactions (id),
  created_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  claimed_at        timestamptz,
  completed_at      timestamptz,
  rev               bigint NOT NULL DEFAULT 1,
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'claimed') = (assignee_id IS NOT NULL) OR state IN ('done', 'cancelled'))
);
CREATE INDEX queue_items_team_open_idx ON queue_items (team_id, due_at) WHERE state IN ('open', 'claimed');
CREATE INDEX queue_items_customer_idx ON queue_items (customer_id);
CREATE INDEX queue_items_assignee_idx ON queue_items (assignee_id) WHERE assignee_id IS NOT NULL;

-- ── Sync ─────────────────────────────────────────────────────────────────────────────────
-- Idempotency: every applied mutation id with the result returned the first time.
CREATE TABLE applied_mutations (
  id          uuid PRIMARY KEY,
  client_id   text NOT NULL,
  user_id     uuid NOT NULL REFERENCES users (id),
  entity      text NOT NULL,
  entity_id   uuid NOT NULL,
  op          text NOT NULL,
  result      jsonb NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX applied_mutations_time_idx ON applied_mutations (applied_at);

-- The change log clients pull from. `seq` values are handed out by the single counter row
-- below, locked until commit, so they become visible in commit order (no skipped rows).
-- One row per entity: a new change deletes the entity's previous row (pull sends full state).
CREATE TABLE change_log (
  seq         bigint PRIMARY KEY,
  entity      text NOT NULL,
  entity_id   uuid NOT NULL,
  op          text NOT NULL CHECK (op IN ('upsert', 'delete')),
  rev         bigint NOT NULL,
  -- Visibility scope: NULL = every signed-in user, else members of this team (and admins).
  team_id     uuid,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (entity, entity_id)
);
CREATE INDEX change_log_team_seq_idx ON change_log (team_id, seq);

CREATE TABLE sync_state (
  id              boolean PRIMARY KEY DEFAULT true CHECK (id),
  -- Last seq handed out; the row lock serializes change-log appends.
  last_seq        bigint NOT NULL DEFAULT 0,
  -- Cursors below this lost tombstones to retention: such clients must refetch (409).
  retained_from   bigint NOT NULL DEFAULT 0
);
INSERT INTO sync_state (id) VALUES (true);
