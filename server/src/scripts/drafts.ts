/**
 * Shared server-side drafts: one per script id, continued by the owning team's leads (and any
 * admin); publishing removes it. Each save makes a new revision, and a save must name the
 * revision it started from: when someone saved (or published, or discarded) meanwhile, the save
 * is refused with 409 `draft_conflict` and the newer draft, so nobody overwrites a colleague
 * silently. A publish from the studio names the revision too (`assertDraftUnchanged`).
 *
 * The revision is the draft's `updated_at` in epoch milliseconds, kept strictly increasing per
 * draft (a save in the same millisecond moves it on by one), so no column was added for it.
 */
import type { AuthUser } from '../auth/guard';
import type { Database, Tx } from '../db/database';
import { ApiError, notFound } from '../http/errors';
import { authorizeScriptChange, canEditScript } from './ownership';

type Reader = Database['kysely'] | Tx;

export interface DraftSummary {
  scriptId: string;
  /** The owning team; null = center-wide. */
  teamId: string | null;
  teamName: string | null;
  updatedBy: string;
  updatedByName: string | null;
  updatedAt: string;
  /** Send it back as `baseRevision` when saving over this draft. */
  revision: number;
  /** Always true in what a user is shown (they only see drafts they may change); stated for clients. */
  canEdit: boolean;
}
export interface Draft extends DraftSummary { definition: unknown }

const revisionOf = (updatedAt: Date): number => updatedAt.getTime();

function summaryRows(db: Reader) {
  return db.selectFrom('script_drafts as d').leftJoin('users as u', 'u.id', 'd.updated_by').leftJoin('teams as t', 't.id', 'd.team_id')
    .select(['d.script_id', 'd.team_id', 'd.updated_by', 'd.updated_at', 'u.display_name', 't.name as team_name']);
}
const draftRows = (db: Reader) => summaryRows(db).select('d.definition');

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryRows>['executeTakeFirstOrThrow']>>;
type DraftRow = Awaited<ReturnType<ReturnType<typeof draftRows>['executeTakeFirstOrThrow']>>;

function toSummary(user: AuthUser, row: SummaryRow): DraftSummary {
  return {
    scriptId: row.script_id, teamId: row.team_id, teamName: row.team_id ? row.team_name ?? null : null,
    updatedBy: row.updated_by, updatedByName: row.display_name ?? null, updatedAt: row.updated_at.toISOString(),
    revision: revisionOf(row.updated_at), canEdit: canEditScript(user, { exists: true, teamId: row.team_id }),
  };
}

function toDraft(user: AuthUser, row: DraftRow): Draft {
  const definition: unknown = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  return { ...toSummary(user, row), definition };
}

async function conflictWith(trx: Tx, user: AuthUser, scriptId: string): Promise<ApiError> {
  const row = await draftRows(trx).where('d.script_id', '=', scriptId).executeTakeFirst();
  const draft = row ? toDraft(user, row) : null;
  const message = draft
    ? `The draft of ${scriptId} was saved by ${draft.updatedByName ?? 'someone else'} since you opened it (revision ${draft.revision}): load it or keep your text as a copy`
    : `The draft of ${scriptId} was published or discarded since you opened it`;
  return new ApiError(409, 'draft_conflict', message, { draft });
}

/**
 * For a publish from the studio: refuses (409 `draft_conflict`) when the script has a shared draft
 * other than revision `expected` (null: the publisher started from no draft), since publishing
 * removes the draft and a colleague's newer work would be lost. No draft at all is fine.
 */
export async function assertDraftUnchanged(trx: Tx, user: AuthUser, scriptId: string, expected: number | null): Promise<void> {
  const current = await trx.selectFrom('script_drafts').select('updated_at').where('script_id', '=', scriptId).forUpdate().executeTakeFirst();
  if (current && revisionOf(current.updated_at) !== expected) throw await conflictWith(trx, user, scriptId);
}

/**
 * Saves `definition` as the script's draft if its current revision is still `baseRevision`
 * (null: there must be no draft yet). The row is locked while checking, so of two saves from
 * the same revision exactly one wins and the other gets the conflict.
 */
export async function saveDraft(db: Database, user: AuthUser, scriptId: string, definition: unknown, baseRevision: number | null): Promise<DraftSummary> {
  return db.transaction(async (trx) => {
    const owner = await authorizeScriptChange(trx, user, scriptId);
    const current = await trx.selectFrom('script_drafts').select('updated_at').where('script_id', '=', scriptId).forUpdate().executeTakeFirst();
    if ((current ? revisionOf(current.updated_at) : null) !== baseRevision) throw await conflictWith(trx, user, scriptId);
    const updatedAt = new Date(Math.max(Date.now(), current ? revisionOf(current.updated_at) + 1 : 0));
    const values = { definition: JSON.stringify(definition), team_id: owner.teamId, updated_by: user.id, updated_at: updatedAt };
    if (current) {
      await trx.updateTable('script_drafts').set(values).where('script_id', '=', scriptId).execute();
    } else {
      // Nothing to lock yet: a concurrent first save makes this insert do nothing, and that one won.
      const inserted = await trx.insertInto('script_drafts').values({ script_id: scriptId, ...values })
        .onConflict((oc) => oc.column('script_id').doNothing()).returning('script_id').executeTakeFirst();
      if (!inserted) throw await conflictWith(trx, user, scriptId);
    }
    return toSummary(user, await summaryRows(trx).where('d.script_id', '=', scriptId).executeTakeFirstOrThrow());
  });
}

/** The drafts `user` may continue: admins all; a team lead their team's. Newest first. */
export async function listDrafts(db: Database, user: AuthUser): Promise<DraftSummary[]> {
  if (user.role !== 'admin' && !user.teamId) return [];
  let query = summaryRows(db.kysely).orderBy('d.updated_at', 'desc');
  if (user.role !== 'admin') query = query.where('d.team_id', '=', user.teamId);
  return (await query.execute()).map((row) => toSummary(user, row));
}

export async function readDraft(db: Database, user: AuthUser, scriptId: string): Promise<Draft> {
  const row = await draftRows(db.kysely).where('d.script_id', '=', scriptId).executeTakeFirst();
  if (!row || !canEditScript(user, { exists: true, teamId: row.team_id })) throw notFound(`No draft of script ${scriptId}`);
  return toDraft(user, row);
}

export async function discardDraft(db: Database, user: AuthUser, scriptId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx.selectFrom('script_drafts').select('team_id').where('script_id', '=', scriptId).forUpdate().executeTakeFirst();
    if (!row || !canEditScript(user, { exists: true, teamId: row.team_id })) throw notFound(`No draft of script ${scriptId}`);
    await trx.deleteFrom('script_drafts').where('script_id', '=', scriptId).execute();
  });
}
