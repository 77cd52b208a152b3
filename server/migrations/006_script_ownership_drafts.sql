-- Call scripts belong to a team (its leads edit and publish them) or to the whole center
-- (team_id NULL: admins only). Scripts published before this migration have no row: center-wide.
CREATE TABLE script_owners (
  script_id   text PRIMARY KEY,
  team_id     uuid REFERENCES teams (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- One shared, server-side draft per script (unpublished work of the owning team's leads or an
-- admin; not validated until published). Publishing removes it.
CREATE TABLE script_drafts (
  script_id   text PRIMARY KEY,
  definition  jsonb NOT NULL,
  team_id     uuid REFERENCES teams (id),
  updated_by  uuid NOT NULL REFERENCES users (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX script_drafts_team_idx ON script_drafts (team_id);
