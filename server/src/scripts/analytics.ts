/**
 * Where calls go with a script version: per step, how many calls reached it, how many ended
 * there (their last recorded step), the distribution of answers and the dispositions of the
 * calls that passed through it. Read from the interactions' wrap-up (`script_answers`, whose
 * `_path` lists the steps walked), scoped to the teams the viewer may see.
 */
import { sql, type RawBuilder } from 'kysely';
import { SCRIPT_PATH_KEY, type ScriptDefinition, localized } from '@contract';
import type { Database } from '../db/database';

export interface StepAnalytics {
  stepId: string;
  type: string;
  label: string;
  reached: number;
  endedHere: number;
  /** Calls that recorded an answer here. */
  answered: number;
  /** Answer values and counts (most frequent first, at most 20); null for free-text questions. */
  answers: Array<{ value: string; count: number }> | null;
  dispositions: Array<{ disposition: string | null; count: number }>;
}

export interface ScriptAnalytics {
  scriptId: string;
  version: number;
  calls: number;
  steps: StepAnalytics[];
}

export interface AnalyticsScope {
  /** null = every team (admins). */
  teamIds: string[] | null;
  from: Date | null;
  to: Date | null;
}

const MAX_ANSWER_VALUES = 20;
const shorten = (text: string): string => (text.length > 120 ? `${text.slice(0, 119)}…` : text);

export async function scriptAnalytics(db: Database, definition: ScriptDefinition, version: number, scope: AnalyticsScope): Promise<ScriptAnalytics> {
  const teamFilter: RawBuilder<unknown> = scope.teamIds === null ? sql`true`
    : scope.teamIds.length === 0 ? sql`false`
    : sql`i.team_id IN (${sql.join(scope.teamIds)})`;
  const fromFilter = scope.from ? sql`i.created_at >= ${scope.from}` : sql`true`;
  const toFilter = scope.to ? sql`i.created_at < ${scope.to}` : sql`true`;
  const calls = sql`
    SELECT i.id, i.disposition, i.script_answers AS a FROM interactions i
    WHERE i.script_id = ${definition.id} AND i.script_version = ${version} AND jsonb_typeof(i.script_answers) = 'object'
      AND ${teamFilter} AND ${fromFilter} AND ${toFilter}`;
  const path = sql`CASE WHEN jsonb_typeof(c.a -> ${SCRIPT_PATH_KEY}) = 'array' THEN c.a -> ${SCRIPT_PATH_KEY} ELSE '[]'::jsonb END`;

  const [total, reached, ended, answers] = await Promise.all([
    sql<{ n: number }>`WITH calls AS (${calls}) SELECT count(*)::int AS n FROM calls`.execute(db.kysely),
    sql<{ step: string; disposition: string | null; n: number }>`
      WITH calls AS (${calls})
      SELECT p.step, c.disposition, count(DISTINCT c.id)::int AS n
      FROM calls c CROSS JOIN LATERAL jsonb_array_elements_text(${path}) AS p(step)
      GROUP BY p.step, c.disposition`.execute(db.kysely),
    sql<{ step: string; n: number }>`
      WITH calls AS (${calls})
      SELECT (${path}) ->> -1 AS step, count(*)::int AS n FROM calls c
      WHERE jsonb_array_length(${path}) > 0 GROUP BY 1`.execute(db.kysely),
    sql<{ step: string; value: string; n: number }>`
      WITH calls AS (${calls})
      SELECT e.key AS step, e.value #>> '{}' AS value, count(*)::int AS n
      FROM calls c CROSS JOIN LATERAL jsonb_each(c.a) AS e
      WHERE e.key <> ${SCRIPT_PATH_KEY} AND jsonb_typeof(e.value) IN ('string', 'number', 'boolean')
      GROUP BY 1, 2`.execute(db.kysely),
  ]);

  const steps = definition.steps.map((step): StepAnalytics => {
    const dispositionRows = reached.rows.filter((row) => row.step === step.id);
    const answerRows = answers.rows.filter((row) => row.step === step.id).sort((a, b) => b.n - a.n || a.value.localeCompare(b.value));
    const freeText = step.type === 'ask' && step.answer.kind === 'text';
    const label = step.type === 'say' ? localized(step.title ?? step.text, 'en')
      : step.type === 'ask' ? localized(step.title ?? step.prompt, 'en')
      : localized(step.title, 'en') || step.id;
    return {
      stepId: step.id,
      type: step.type,
      label: shorten(label.replace(/\{\{[^}]*\}\}/g, '…')),
      reached: dispositionRows.reduce((sum, row) => sum + row.n, 0),
      endedHere: ended.rows.find((row) => row.step === step.id)?.n ?? 0,
      answered: answerRows.reduce((sum, row) => sum + row.n, 0),
      answers: step.type !== 'ask' || freeText ? null : answerRows.slice(0, MAX_ANSWER_VALUES).map((row) => ({ value: row.value, count: row.n })),
      dispositions: dispositionRows.map((row) => ({ disposition: row.disposition, count: row.n })).sort((a, b) => b.count - a.count),
    };
  });
  return { scriptId: definition.id, version, calls: total.rows[0]?.n ?? 0, steps };
}
