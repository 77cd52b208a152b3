-- Admin-managed reference lists and customer merges. PostgreSQL 15-compatible.

-- A retired disposition frees its hotkey digit: hotkeys are unique among active dispositions only.
ALTER TABLE dispositions DROP CONSTRAINT dispositions_hotkey_key;
CREATE UNIQUE INDEX dispositions_active_hotkey_key ON dispositions (hotkey) WHERE active AND hotkey IS NOT NULL;

-- Revision of the reference lists (dispositions, pause codes, taxonomy): bumped by every admin
-- change and served by GET /api/reference, so clients know when their copy is stale. Its own
-- row, not sync_state's, so admin edits never wait on the change-log lock pushes hold.
CREATE TABLE reference_state (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  revision    bigint NOT NULL DEFAULT 1,
  updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO reference_state (id) VALUES (true);

ALTER TABLE taxonomy_versions ADD COLUMN published_by uuid REFERENCES users (id);

-- A duplicate is merged once; a survivor's merges are listed by survivor.
CREATE UNIQUE INDEX customer_merges_merged_key ON customer_merges (merged_id);
CREATE INDEX customer_merges_survivor_idx ON customer_merges (survivor_id);

-- Failed sign-ins for the login rate limit, shared by every server process on one database.
-- `key` is a SHA-256 of (client IP, username): who tried is not kept in clear.
CREATE TABLE login_failures (
  key        text NOT NULL,
  failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failures_key_idx ON login_failures (key, failed_at);
CREATE INDEX login_failures_time_idx ON login_failures (failed_at);
