/**
 * Who may change a script: admins any; a team lead only their team's scripts. A script belongs
 * to the team of the lead who first published it, or to the whole center (admins only) when an
 * admin created it or it predates ownership (the starter scripts). A new script id is claimed by
 * the first writer's team. Drafts are shared per script on the server (one per script id), so a
 * team's leads continue each other's work; publishing removes the draft.
 */
import type { AuthUser } from '../auth/guard';
import type { Database, Tx } from '../db/database';
import { forbidden, notFound } from '../http/errors';

type Reader = Database['kysely'] | Tx;

export interface ScriptOwner {
  /** Any version or draft of this id exists already. */
  exists: boolean;
  /** The owning team; null = center-wide (admins only). */
  teamId: string | null;
}

export async function ownerOf(db: Reader, scriptId: string): Promise<ScriptOwner> {
  const row = await db.selectFrom('script_owners').select('team_id').where('script_id', '=', scriptId).executeTakeFirst();
  if (row) return { exists: true, teamId: row.team_id };
  const version = await db.selectFrom('scripts').select('id').where('id', '=', scriptId).limit(1).executeTakeFirst();
  return { exists: version !== undefined, teamId: null };
}

export function canEditScript(user: AuthUser, owner: ScriptOwner): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'team_lead' || !user.teamId) return false;
  return owner.exists ? owner.teamId === user.teamId : true;
}

/**
 * Checks that `user` may change `scriptId` and, for a new id, records the owner (the lead's
 * team; an admin's new script is center-wide). Runs in the caller's transaction; the owner row
 * is written before any version, so two teams racing for one new id cannot both win.
 */
export async function authorizeScriptChange(trx: Tx, user: AuthUser, scriptId: string): Promise<ScriptOwner> {
  const owner = await ownerOf(trx, scriptId);
  if (!canEditScript(user, owner)) {
    throw forbidden(owner.teamId === null
      ? `Script ${scriptId} is center-wide: only admins may change it`
      : `Script ${scriptId} belongs to another team: only its team leads and admins may change it`);
  }
  if (owner.exists) return owner;
  const teamId = user.role === 'admin' ? null : user.teamId;
  const inserted = await trx.insertInto('script_owners').values({ script_id: scriptId, team_id: teamId })
    .onConflict((oc) => oc.column('script_id').doNothing()).returning('team_id').executeTakeFirst();
  if (inserted) return { exists: true, teamId };
  // Someone else claimed the id a moment ago: decide again against their claim.
  return authorizeScriptChange(trx, user, scriptId);
}

export interface DraftSummary { scriptId: string; teamId: string | null; updatedBy: string; updatedByName: string | null; updatedAt: string }
export interface Draft extends DraftSummary { definition: unknown }

export async function saveDraft(db: Database, user: AuthUser, scriptId: string, definition: unknown): Promise<DraftSummary> {
  return db.transaction(async (trx) => {
    const owner = await authorizeScriptChange(trx, user, scriptId);
    const now = new Date();
    const values = { script_id: scriptId, definition: JSON.stringify(definition), team_id: owner.teamId, updated_by: user.id, updated_at: now };
    await trx.insertInto('script_drafts').values(values)
      .onConflict((oc) => oc.column('script_id').doUpdateSet({ definition: values.definition, team_id: owner.teamId, updated_by: user.id, updated_at: now })).execute();
    return { scriptId, teamId: owner.teamId, updatedBy: user.id, updatedByName: null, updatedAt: now.toISOString() };
  });
}

/** The drafts `user` may continue: admins all; a team lead their team's. */
export async function listDrafts(db: Database, user: AuthUser): Promise<DraftSummary[]> {
  if (user.role !== 'admin' && !user.teamId) return [];
  let query = db.kysely.selectFrom('script_drafts as d').leftJoin('users as u', 'u.id', 'd.updated_by')
    .select(['d.script_id', 'd.team_id', 'd.updated_by', 'd.updated_at', 'u.display_name']).orderBy('d.updated_at', 'desc');
  if (user.role !== 'admin') query = query.where('d.team_id', '=', user.teamId);
  const rows = await query.execute();
  return rows.map((row) => ({ scriptId: row.script_id, teamId: row.team_id, updatedBy: row.updated_by, updatedByName: row.display_name ?? null, updatedAt: row.updated_at.toISOString() }));
}

export async function readDraft(db: Database, user: AuthUser, scriptId: string): Promise<Draft> {
  const row = await db.kysely.selectFrom('script_drafts as d').leftJoin('users as u', 'u.id', 'd.updated_by')
    .select(['d.script_id', 'd.team_id', 'd.updated_by', 'd.updated_at', 'd.definition', 'u.display_name']).where('d.script_id', '=', scriptId).executeTakeFirst();
  if (!row || !canEditScript(user, { exists: true, teamId: row.team_id })) throw notFound(`No draft of script ${scriptId}`);
  const definition: unknown = typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition;
  return { scriptId, teamId: row.team_id, updatedBy: row.updated_by, updatedByName: row.display_name ?? null, updatedAt: row.updated_at.toISOString(), definition };
}

export async function discardDraft(db: Database, user: AuthUser, scriptId: string): Promise<void> {
  await db.transaction(async (trx) => {
    const row = await trx.selectFrom('script_drafts').select('team_id').where('script_id', '=', scriptId).forUpdate().executeTakeFirst();
    if (!row || !canEditScript(user, { exists: true, teamId: row.team_id })) throw notFound(`No draft of script ${scriptId}`);
    await trx.deleteFrom('script_drafts').where('script_id', '=', scriptId).execute();
  });
}
