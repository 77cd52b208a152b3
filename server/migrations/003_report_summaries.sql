-- Report summaries kept current on write, so KPIs and exclusions over a million interactions
-- answer in milliseconds instead of scanning. PostgreSQL 15-compatible (statement-level triggers
-- with transition tables: one aggregate per INSERT/UPDATE/DELETE statement, not one per row).

-- When an interaction happened, as every report defines it; indexed for the partial-day edges of
-- a KPI range and for the recent-interaction windows of the exclusion rules.
CREATE INDEX interactions_occurred_idx ON interactions ((coalesce(queued_at, answered_at, created_at)));

-- KPI sums and counts per UTC day, team and agent (team_id '00000000-…' = no team). Averages
-- are sums over counts, so any set of days adds up exactly.
CREATE TABLE interaction_day_stats (
  day             date NOT NULL,
  team_id         uuid NOT NULL,
  agent_id        uuid NOT NULL,
  contacts        bigint NOT NULL DEFAULT 0,
  calls           bigint NOT NULL DEFAULT 0,
  aht_sum         numeric NOT NULL DEFAULT 0,
  aht_n           bigint NOT NULL DEFAULT 0,
  wait_sum        numeric NOT NULL DEFAULT 0,
  wait_n          bigint NOT NULL DEFAULT 0,
  inbound_queued  bigint NOT NULL DEFAULT 0,
  abandoned       bigint NOT NULL DEFAULT 0,
  fcr_answers     bigint NOT NULL DEFAULT 0,
  fcr_yes         bigint NOT NULL DEFAULT 0,
  csat_n          bigint NOT NULL DEFAULT 0,
  csat_sat        bigint NOT NULL DEFAULT 0,
  csat_sum        numeric NOT NULL DEFAULT 0,
  nps_n           bigint NOT NULL DEFAULT 0,
  nps_promoters   bigint NOT NULL DEFAULT 0,
  nps_detractors  bigint NOT NULL DEFAULT 0,
  ces_n           bigint NOT NULL DEFAULT 0,
  ces_sum         numeric NOT NULL DEFAULT 0,
  start_calm      bigint NOT NULL DEFAULT 0,
  start_satisfied bigint NOT NULL DEFAULT 0,
  start_confused  bigint NOT NULL DEFAULT 0,
  start_anxious   bigint NOT NULL DEFAULT 0,
  start_frustrated bigint NOT NULL DEFAULT 0,
  start_angry     bigint NOT NULL DEFAULT 0,
  end_calm        bigint NOT NULL DEFAULT 0,
  end_satisfied   bigint NOT NULL DEFAULT 0,
  end_confused    bigint NOT NULL DEFAULT 0,
  end_anxious     bigint NOT NULL DEFAULT 0,
  end_frustrated  bigint NOT NULL DEFAULT 0,
  end_angry       bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, team_id, agent_id)
);
CREATE INDEX interaction_day_stats_team_idx ON interaction_day_stats (team_id, day);
CREATE INDEX interaction_day_stats_agent_idx ON interaction_day_stats (agent_id, day);

-- Interactions per (effective) complaint type, per UTC day, team and agent.
CREATE TABLE interaction_day_complaints (
  day                date NOT NULL,
  team_id            uuid NOT NULL,
  agent_id           uuid NOT NULL,
  complaint_type_id  text NOT NULL,
  n                  bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, team_id, agent_id, complaint_type_id)
);

-- Adds the interactions changed by a statement to both summaries: inserted rows count +1, deleted
-- rows -1, an update takes the old version away and adds the new one, skipping rows whose
-- reported columns did not change (a rev bump or a note costs nothing). Keys are upserted in
-- order so concurrent writers lock summary rows in the same order and cannot deadlock.
-- Transition tables are visible only in the trigger function itself, hence the inline EXECUTEs.
CREATE FUNCTION interaction_stats_on_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  delta text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    delta := 'SELECT 1 AS weight, n.* FROM new_rows n';
  ELSIF TG_OP = 'DELETE' THEN
    delta := 'SELECT -1 AS weight, o.* FROM old_rows o';
  ELSE
    delta := $q$
      SELECT c.* FROM old_rows o JOIN new_rows n ON n.id = o.id
      CROSS JOIN LATERAL (SELECT -1 AS weight, o.* UNION ALL SELECT 1, n.*) c
      WHERE (o.channel, o.direction, o.agent_id, o.team_id, o.queued_at, o.answered_at, o.ended_at, o.wrapped_up_at, o.created_at,
             o.first_contact_resolution, o.csat, o.nps, o.ces, o.emotion_start, o.emotion_end, o.complaint_type_id)
        IS DISTINCT FROM
            (n.channel, n.direction, n.agent_id, n.team_id, n.queued_at, n.answered_at, n.ended_at, n.wrapped_up_at, n.created_at,
             n.first_contact_resolution, n.csat, n.nps, n.ces, n.emotion_start, n.emotion_end, n.complaint_type_id)
    $q$;
  END IF;
  EXECUTE format($q$
    INSERT INTO interaction_day_stats AS s (day, team_id, agent_id, contacts, calls, aht_sum, aht_n, wait_sum, wait_n, inbound_queued, abandoned, fcr_answers, fcr_yes, csat_n, csat_sat, csat_sum, nps_n, nps_promoters, nps_detractors, ces_n, ces_sum, start_calm, start_satisfied, start_confused, start_anxious, start_frustrated, start_angry, end_calm, end_satisfied, end_confused, end_anxious, end_frustrated, end_angry)
    SELECT (coalesce(d.queued_at, d.answered_at, d.created_at) AT TIME ZONE 'UTC')::date, coalesce(d.team_id, '00000000-0000-0000-0000-000000000000'::uuid), d.agent_id,
      coalesce(sum(d.weight), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call'), 0),
      coalesce(sum(d.weight * (extract(epoch from (d.ended_at - d.answered_at)) + greatest(0, coalesce(extract(epoch from (d.wrapped_up_at - d.ended_at)), 0)))) FILTER (WHERE d.channel = 'call' AND d.answered_at IS NOT NULL AND d.ended_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.answered_at IS NOT NULL AND d.ended_at IS NOT NULL), 0),
      coalesce(sum(d.weight * extract(epoch from (d.answered_at - d.queued_at))) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.answered_at IS NOT NULL AND d.queued_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.answered_at IS NOT NULL AND d.queued_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.queued_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.queued_at IS NOT NULL AND d.answered_at IS NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.first_contact_resolution IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.first_contact_resolution), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.csat IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.csat >= 4), 0),
      coalesce(sum(d.weight * d.csat) FILTER (WHERE d.csat IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.nps IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.nps >= 9), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.nps <= 6), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.ces IS NOT NULL), 0),
      coalesce(sum(d.weight * d.ces) FILTER (WHERE d.ces IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'calm'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'satisfied'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'confused'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'anxious'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'frustrated'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'angry'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'calm'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'satisfied'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'confused'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'anxious'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'frustrated'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'angry'), 0)
    FROM (%s) d
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (day, team_id, agent_id) DO UPDATE SET
      contacts = s.contacts + excluded.contacts,
      calls = s.calls + excluded.calls,
      aht_sum = s.aht_sum + excluded.aht_sum,
      aht_n = s.aht_n + excluded.aht_n,
      wait_sum = s.wait_sum + excluded.wait_sum,
      wait_n = s.wait_n + excluded.wait_n,
      inbound_queued = s.inbound_queued + excluded.inbound_queued,
      abandoned = s.abandoned + excluded.abandoned,
      fcr_answers = s.fcr_answers + excluded.fcr_answers,
      fcr_yes = s.fcr_yes + excluded.fcr_yes,
      csat_n = s.csat_n + excluded.csat_n,
      csat_sat = s.csat_sat + excluded.csat_sat,
      csat_sum = s.csat_sum + excluded.csat_sum,
      nps_n = s.nps_n + excluded.nps_n,
      nps_promoters = s.nps_promoters + excluded.nps_promoters,
      nps_detractors = s.nps_detractors + excluded.nps_detractors,
      ces_n = s.ces_n + excluded.ces_n,
      ces_sum = s.ces_sum + excluded.ces_sum,
      start_calm = s.start_calm + excluded.start_calm,
      start_satisfied = s.start_satisfied + excluded.start_satisfied,
      start_confused = s.start_confused + excluded.start_confused,
      start_anxious = s.start_anxious + excluded.start_anxious,
      start_frustrated = s.start_frustrated + excluded.start_frustrated,
      start_angry = s.start_angry + excluded.start_angry,
      end_calm = s.end_calm + excluded.end_calm,
      end_satisfied = s.end_satisfied + excluded.end_satisfied,
      end_confused = s.end_confused + excluded.end_confused,
      end_anxious = s.end_anxious + excluded.end_anxious,
      end_frustrated = s.end_frustrated + excluded.end_frustrated,
      end_angry = s.end_angry + excluded.end_angry
  $q$, delta);
  EXECUTE format($q$
    INSERT INTO interaction_day_complaints AS s (day, team_id, agent_id, complaint_type_id, n)
    SELECT (coalesce(d.queued_at, d.answered_at, d.created_at) AT TIME ZONE 'UTC')::date, coalesce(d.team_id, '00000000-0000-0000-0000-000000000000'::uuid), d.agent_id,
      d.complaint_type_id, sum(d.weight)
    FROM (%s) d
    WHERE d.complaint_type_id IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, team_id, agent_id, complaint_type_id) DO UPDATE SET n = s.n + excluded.n
  $q$, delta);
  RETURN NULL;
END;
$fn$;

CREATE TRIGGER interactions_stats_insert AFTER INSERT ON interactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interaction_stats_on_change();
CREATE TRIGGER interactions_stats_update AFTER UPDATE ON interactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interaction_stats_on_change();
CREATE TRIGGER interactions_stats_delete AFTER DELETE ON interactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION interaction_stats_on_change();

-- Interactions that existed before this migration.
DO $do$
DECLARE
  delta text := 'SELECT 1 AS weight, i.* FROM interactions i';
BEGIN
  EXECUTE format($q$
    INSERT INTO interaction_day_stats AS s (day, team_id, agent_id, contacts, calls, aht_sum, aht_n, wait_sum, wait_n, inbound_queued, abandoned, fcr_answers, fcr_yes, csat_n, csat_sat, csat_sum, nps_n, nps_promoters, nps_detractors, ces_n, ces_sum, start_calm, start_satisfied, start_confused, start_anxious, start_frustrated, start_angry, end_calm, end_satisfied, end_confused, end_anxious, end_frustrated, end_angry)
    SELECT (coalesce(d.queued_at, d.answered_at, d.created_at) AT TIME ZONE 'UTC')::date, coalesce(d.team_id, '00000000-0000-0000-0000-000000000000'::uuid), d.agent_id,
      coalesce(sum(d.weight), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call'), 0),
      coalesce(sum(d.weight * (extract(epoch from (d.ended_at - d.answered_at)) + greatest(0, coalesce(extract(epoch from (d.wrapped_up_at - d.ended_at)), 0)))) FILTER (WHERE d.channel = 'call' AND d.answered_at IS NOT NULL AND d.ended_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.answered_at IS NOT NULL AND d.ended_at IS NOT NULL), 0),
      coalesce(sum(d.weight * extract(epoch from (d.answered_at - d.queued_at))) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.answered_at IS NOT NULL AND d.queued_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.answered_at IS NOT NULL AND d.queued_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.queued_at IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.channel = 'call' AND d.direction = 'inbound' AND d.queued_at IS NOT NULL AND d.answered_at IS NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.first_contact_resolution IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.first_contact_resolution), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.csat IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.csat >= 4), 0),
      coalesce(sum(d.weight * d.csat) FILTER (WHERE d.csat IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.nps IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.nps >= 9), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.nps <= 6), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.ces IS NOT NULL), 0),
      coalesce(sum(d.weight * d.ces) FILTER (WHERE d.ces IS NOT NULL), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'calm'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'satisfied'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'confused'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'anxious'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'frustrated'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_start = 'angry'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'calm'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'satisfied'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'confused'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'anxious'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'frustrated'), 0),
      coalesce(sum(d.weight) FILTER (WHERE d.emotion_end = 'angry'), 0)
    FROM (%s) d
    GROUP BY 1, 2, 3
    ORDER BY 1, 2, 3
    ON CONFLICT (day, team_id, agent_id) DO UPDATE SET
      contacts = s.contacts + excluded.contacts,
      calls = s.calls + excluded.calls,
      aht_sum = s.aht_sum + excluded.aht_sum,
      aht_n = s.aht_n + excluded.aht_n,
      wait_sum = s.wait_sum + excluded.wait_sum,
      wait_n = s.wait_n + excluded.wait_n,
      inbound_queued = s.inbound_queued + excluded.inbound_queued,
      abandoned = s.abandoned + excluded.abandoned,
      fcr_answers = s.fcr_answers + excluded.fcr_answers,
      fcr_yes = s.fcr_yes + excluded.fcr_yes,
      csat_n = s.csat_n + excluded.csat_n,
      csat_sat = s.csat_sat + excluded.csat_sat,
      csat_sum = s.csat_sum + excluded.csat_sum,
      nps_n = s.nps_n + excluded.nps_n,
      nps_promoters = s.nps_promoters + excluded.nps_promoters,
      nps_detractors = s.nps_detractors + excluded.nps_detractors,
      ces_n = s.ces_n + excluded.ces_n,
      ces_sum = s.ces_sum + excluded.ces_sum,
      start_calm = s.start_calm + excluded.start_calm,
      start_satisfied = s.start_satisfied + excluded.start_satisfied,
      start_confused = s.start_confused + excluded.start_confused,
      start_anxious = s.start_anxious + excluded.start_anxious,
      start_frustrated = s.start_frustrated + excluded.start_frustrated,
      start_angry = s.start_angry + excluded.start_angry,
      end_calm = s.end_calm + excluded.end_calm,
      end_satisfied = s.end_satisfied + excluded.end_satisfied,
      end_confused = s.end_confused + excluded.end_confused,
      end_anxious = s.end_anxious + excluded.end_anxious,
      end_frustrated = s.end_frustrated + excluded.end_frustrated,
      end_angry = s.end_angry + excluded.end_angry
  $q$, delta);
  EXECUTE format($q$
    INSERT INTO interaction_day_complaints AS s (day, team_id, agent_id, complaint_type_id, n)
    SELECT (coalesce(d.queued_at, d.answered_at, d.created_at) AT TIME ZONE 'UTC')::date, coalesce(d.team_id, '00000000-0000-0000-0000-000000000000'::uuid), d.agent_id,
      d.complaint_type_id, sum(d.weight)
    FROM (%s) d
    WHERE d.complaint_type_id IS NOT NULL
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (day, team_id, agent_id, complaint_type_id) DO UPDATE SET n = s.n + excluded.n
  $q$, delta);
END;
$do$;

-- ── Exclusion facts ──────────────────────────────────────────────────────────────────────
-- Per customer, what the exclusion rules need that does not depend on "now": open complaints,
-- revoked channels, the latest negative-emotion interaction. A row exists only for a customer
-- with at least one of them. Writes only mark customers stale (a cheap append, no lock held
-- until commit); the exclusion read recomputes the stale customers first (reports/exclusion-facts.ts),
-- after their writers committed, so concurrent writers never overwrite each other's facts.
CREATE TABLE customer_exclusion_facts (
  customer_id        uuid PRIMARY KEY REFERENCES customers (id),
  open_complaints    integer NOT NULL,
  open_types         text[] NOT NULL,
  earliest_open_due  timestamptz,
  revoked_channels   text[] NOT NULL,
  -- The latest frustrated/angry contact: when, and which emotion (the end one if negative, else the start).
  last_negative_at       timestamptz,
  last_negative_emotion  text
);
CREATE INDEX customer_exclusion_facts_standing_idx ON customer_exclusion_facts (customer_id)
  WHERE open_complaints > 0 OR revoked_channels <> '{}';
CREATE INDEX customer_exclusion_facts_negative_idx ON customer_exclusion_facts (last_negative_at);

CREATE TABLE customer_exclusion_stale (customer_id uuid NOT NULL);

-- Recomputes the facts of `ids` from the base tables.
CREATE FUNCTION refresh_customer_exclusion_facts(ids uuid[]) RETURNS void LANGUAGE sql AS $fn$
  DELETE FROM customer_exclusion_facts WHERE customer_id = ANY (ids);
  INSERT INTO customer_exclusion_facts (customer_id, open_complaints, open_types, earliest_open_due, revoked_channels, last_negative_at, last_negative_emotion)
  SELECT k.id, oc.n, coalesce(oc.types, '{}'), oc.due, coalesce(rv.channels, '{}'), ng.at, ng.emotion
  FROM (SELECT DISTINCT unnest(ids) AS id) k
  JOIN customers c ON c.id = k.id
  CROSS JOIN LATERAL (SELECT count(*)::int AS n, array_agg(DISTINCT type_id ORDER BY type_id) AS types, min(sla_due_at) AS due
                      FROM complaints WHERE customer_id = k.id AND status <> 'resolved') oc
  CROSS JOIN LATERAL (SELECT array_agg(channel ORDER BY channel) AS channels FROM consents WHERE customer_id = k.id AND status = 'revoked') rv
  LEFT JOIN LATERAL (SELECT coalesce(queued_at, answered_at, created_at) AS at,
                             CASE WHEN emotion_end IN ('frustrated', 'angry') THEN emotion_end ELSE emotion_start END AS emotion
                      FROM interactions
                      WHERE customer_id = k.id AND (emotion_start IN ('frustrated', 'angry') OR emotion_end IN ('frustrated', 'angry'))
                      ORDER BY 1 DESC LIMIT 1) ng ON true
  WHERE oc.n > 0 OR rv.channels IS NOT NULL OR ng.at IS NOT NULL;
$fn$;

-- Interactions matter to the facts only when negative (before or after the change).
CREATE FUNCTION interactions_mark_exclusion_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO customer_exclusion_stale
    SELECT DISTINCT n.customer_id FROM new_rows n
    WHERE n.customer_id IS NOT NULL AND (n.emotion_start IN ('frustrated', 'angry') OR n.emotion_end IN ('frustrated', 'angry'));
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO customer_exclusion_stale
    SELECT DISTINCT o.customer_id FROM old_rows o
    WHERE o.customer_id IS NOT NULL AND (o.emotion_start IN ('frustrated', 'angry') OR o.emotion_end IN ('frustrated', 'angry'));
  END IF;
  RETURN NULL;
END;
$fn$;
CREATE TRIGGER interactions_exclusion_insert AFTER INSERT ON interactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interactions_mark_exclusion_stale();
CREATE TRIGGER interactions_exclusion_update AFTER UPDATE ON interactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION interactions_mark_exclusion_stale();
CREATE TRIGGER interactions_exclusion_delete AFTER DELETE ON interactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION interactions_mark_exclusion_stale();

-- Complaints and consents: every change marks the customers on both sides of it.
CREATE FUNCTION customer_rows_mark_exclusion_stale() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO customer_exclusion_stale SELECT DISTINCT n.customer_id FROM new_rows n;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO customer_exclusion_stale SELECT DISTINCT o.customer_id FROM old_rows o;
  END IF;
  RETURN NULL;
END;
$fn$;
CREATE TRIGGER complaints_exclusion_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_rows_mark_exclusion_stale();
CREATE TRIGGER complaints_exclusion_update AFTER UPDATE ON complaints
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_rows_mark_exclusion_stale();
CREATE TRIGGER complaints_exclusion_delete AFTER DELETE ON complaints
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_rows_mark_exclusion_stale();
CREATE TRIGGER consents_exclusion_insert AFTER INSERT ON consents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_rows_mark_exclusion_stale();
CREATE TRIGGER consents_exclusion_update AFTER UPDATE ON consents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_rows_mark_exclusion_stale();
CREATE TRIGGER consents_exclusion_delete AFTER DELETE ON consents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_rows_mark_exclusion_stale();

-- Every customer's facts in one grouped pass: the backfill, and the catch-up after bulk loads
-- (cheaper than one customer at a time once many are stale).
CREATE FUNCTION rebuild_customer_exclusion_facts() RETURNS void LANGUAGE sql AS $fn$
  DELETE FROM customer_exclusion_stale;
  DELETE FROM customer_exclusion_facts;
  INSERT INTO customer_exclusion_facts (customer_id, open_complaints, open_types, earliest_open_due, revoked_channels, last_negative_at, last_negative_emotion)
  SELECT c.id, coalesce(oc.n, 0), coalesce(oc.types, '{}'), oc.due, coalesce(rv.channels, '{}'), ng.at, ng.emotion
  FROM customers c
  LEFT JOIN (SELECT customer_id, count(*)::int AS n, array_agg(DISTINCT type_id ORDER BY type_id) AS types, min(sla_due_at) AS due
             FROM complaints WHERE status <> 'resolved' GROUP BY customer_id) oc ON oc.customer_id = c.id
  LEFT JOIN (SELECT customer_id, array_agg(channel ORDER BY channel) AS channels FROM consents WHERE status = 'revoked' GROUP BY customer_id) rv
    ON rv.customer_id = c.id
  LEFT JOIN (SELECT DISTINCT ON (customer_id) customer_id, coalesce(queued_at, answered_at, created_at) AS at,
                    CASE WHEN emotion_end IN ('frustrated', 'angry') THEN emotion_end ELSE emotion_start END AS emotion
             FROM interactions
             WHERE customer_id IS NOT NULL AND (emotion_start IN ('frustrated', 'angry') OR emotion_end IN ('frustrated', 'angry'))
             ORDER BY customer_id, coalesce(queued_at, answered_at, created_at) DESC) ng ON ng.customer_id = c.id
  WHERE oc.n IS NOT NULL OR rv.channels IS NOT NULL OR ng.at IS NOT NULL;
$fn$;

-- Customers that existed before this migration.
SELECT rebuild_customer_exclusion_facts();
