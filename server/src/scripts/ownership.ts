/**
 * Who may change a script: admins any; a team lead only their team's scripts. A script belongs
 * to the team of the lead who first published it, or to the whole center (admins only) when an
 * admin created it or it predates ownership (the starter scripts). A new script id is claimed by
 * the first writer's team. The shared drafts (drafts.ts) follow the same rule.
 */
import type { AuthUser } from '../auth/guard';
import type { ScriptOwnerInfo } from '@contract';
import type { Database, Tx } from '../db/database';
import { forbidden } from '../http/errors';

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

/** The owner of every script that has one recorded, with the team's name; absent ids are center-wide. */
export async function recordedOwners(db: Reader): Promise<Map<string, ScriptOwnerInfo>> {
  const rows = await db.selectFrom('script_owners as o').leftJoin('teams as t', 't.id', 'o.team_id')
    .select(['o.script_id', 'o.team_id', 't.name']).execute();
  return new Map(rows.map((row) => [row.script_id, { teamId: row.team_id, teamName: row.team_id ? row.name ?? null : null }]));
}

export const CENTER_WIDE: ScriptOwnerInfo = { teamId: null, teamName: null };
