/**
 * Push's fast path for a run of outcome re-tags (a team lead reviewing a shift's calls): the
 * interactions are read and locked once, each re-tag's audit row is computed in memory in batch
 * order (a second re-tag of one call sees the first: its `old` is the first's `new`), and the
 * result is written with one INSERT of audit rows and one UPDATE of the interactions' final
 * outcome. The rows and results are those of handlers/interaction.ts retagOutcome.
 * Only interactions whose every re-tag in the run is sure to apply go this way; all re-tags of any
 * other interaction (missing, another team's, an existing or repeated re-tag id, an unknown
 * disposition, a complaint type not in force) are left, in order, to the handler.
 */
import { type Insertable, sql } from 'kysely';
import { type AuthUser, canRetag } from '../auth/guard';
import type { Tx } from '../db/database';
import type { OutcomeColumns } from '../db/outcome';
import type { OutcomeRetagsTable } from '../db/schema';
import type { BulkApplier } from './bulk';
import { complaintTypeValidity } from './handlers/complaint-types';
import { type RetagPatch, retagApplied, retagAudit, retagColumns } from './handlers/interaction';
import { type ApplyOutcome, clientTimeOf } from './handlers/types';
import type { ValidMutation } from './validate';

const INSERT_CHUNK = 500;

interface InteractionState extends OutcomeColumns {
  id: string;
  team_id: string | null;
  rev: number;
}

function repeatedEntityIds(run: readonly ValidMutation[]): Set<string> {
  const once = new Set<string>();
  const twice = new Set<string>();
  for (const { mutation } of run) (once.has(mutation.entityId) ? twice : once).add(mutation.entityId);
  return twice;
}

/** The interactions whose re-tags in this run the handler would all apply, locked in one order. */
async function decidableInteractions(trx: Tx, user: AuthUser, run: readonly ValidMutation[], patches: readonly RetagPatch[]): Promise<Map<string, InteractionState>> {
  const ids = [...new Set(patches.map((patch) => patch.interactionId))].sort();
  const rows = await trx.selectFrom('interactions')
    .select(['id', 'team_id', 'rev', 'disposition', 'emotion_start', 'emotion_start_intensity', 'emotion_end', 'emotion_end_intensity', 'complaint_type_id', 'first_contact_resolution'])
    .where('id', 'in', ids).orderBy('id').forUpdate().execute();
  const taken = new Set((await trx.selectFrom('outcome_retags').select('id').where('id', 'in', run.map(({ mutation }) => mutation.entityId)).execute()).map((row) => row.id));
  const codes = [...new Set(patches.flatMap((patch) => (patch.disposition !== undefined ? [patch.disposition] : [])))];
  const dispositions = new Set(codes.length ? (await trx.selectFrom('dispositions').select('code').where('code', 'in', codes).execute()).map((row) => row.code) : []);
  // A type in force at the run's latest change time was in force at every earlier one too.
  const latest = new Date(Math.max(...run.map(({ mutation }) => clientTimeOf(mutation.clientTs).getTime())));
  const types = await complaintTypeValidity(trx, [...new Set(patches.flatMap((patch) => (patch.complaintTypeId ? [patch.complaintTypeId] : [])))], latest);
  const repeated = repeatedEntityIds(run);

  const states = new Map<string, InteractionState>(rows.map((row) => [row.id, { ...row }]));
  run.forEach(({ mutation }, index) => {
    const patch = patches[index]!;
    const state = states.get(patch.interactionId);
    if (!state) return;
    const sure = canRetag(user, state.team_id)
      && !taken.has(mutation.entityId) && !repeated.has(mutation.entityId)
      && (patch.disposition === undefined || dispositions.has(patch.disposition))
      && (!patch.complaintTypeId || (types.get(patch.complaintTypeId)?.version ?? null) !== null);
    if (!sure) states.delete(patch.interactionId);
  });
  return states;
}

export const bulkRetags: BulkApplier = async (trx, user, run) => {
  // Only team leads re-tag: the handler refuses anyone else, one by one.
  if (user.role !== 'team_lead') return run.map(() => null);
  const patches = run.map(({ patch }) => patch as RetagPatch);
  const states = await decidableInteractions(trx, user, run, patches);
  const audits: Insertable<OutcomeRetagsTable>[] = [];
  const results = run.map(({ mutation }, index): ApplyOutcome | null => {
    const patch = patches[index]!;
    const state = states.get(patch.interactionId);
    if (!state) return null;
    const audit = retagAudit(state, patch);
    audits.push({
      id: mutation.entityId, interaction_id: patch.interactionId, retagged_by: user.id,
      old: JSON.stringify(audit.old), new: JSON.stringify(audit.new), reason: patch.reason, client_ts: mutation.clientTs,
    });
    Object.assign(state, retagColumns(patch), { rev: state.rev + 1 });
    return retagApplied(mutation, patch, state.team_id, state.rev);
  });
  for (let start = 0; start < audits.length; start += INSERT_CHUNK) await trx.insertInto('outcome_retags').values(audits.slice(start, start + INSERT_CHUNK)).execute();
  const retagged = new Set(audits.map((audit) => audit.interaction_id));
  await updateOutcomes(trx, [...states.values()].filter((state) => retagged.has(state.id)));
  return results;
};

/** One UPDATE setting each re-tagged interaction's outcome and revision to their final values. */
async function updateOutcomes(trx: Tx, states: InteractionState[]): Promise<void> {
  if (states.length === 0) return;
  const column = <T>(pick: (state: InteractionState) => T): T[] => states.map(pick);
  await sql`
    update interactions i set disposition = u.disposition, complaint_type_id = u.complaint_type_id, emotion_end = u.emotion_end,
      emotion_end_intensity = u.emotion_end_intensity, first_contact_resolution = u.first_contact_resolution, rev = u.rev, updated_at = ${new Date()}
    from unnest(${column((s) => s.id)}::uuid[], ${column((s) => s.disposition)}::text[], ${column((s) => s.complaint_type_id)}::text[],
                ${column((s) => s.emotion_end)}::text[], ${column((s) => s.emotion_end_intensity)}::int2[], ${column((s) => s.first_contact_resolution)}::bool[],
                ${column((s) => s.rev)}::int8[]) as u(id, disposition, complaint_type_id, emotion_end, emotion_end_intensity, first_contact_resolution, rev)
    where i.id = u.id`.execute(trx);
}
