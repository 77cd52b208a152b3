/**
 * User and team administration. Deactivating a user or resetting their password revokes every
 * refresh token (login and refresh both refuse disabled users); a deactivated user's unexpired
 * access tokens are refused too (auth/disabled-users.ts). A password reset, a change of role or
 * team and a deactivation bump the user's token generation, so access tokens issued before (whose
 * claims may name the old role or team) are refused at once (auth/token-generations.ts); the
 * functions return the new generation for the route to announce once committed.
 */
import type { AdminUser, CreateUserRequest, Team, UpdateUserRequest } from '@contract/admin';
import type { Role } from '@contract/domain';
import { hashPassword } from '../auth/passwords';
import { bumpTokenGeneration } from '../auth/token-generations';
import type { Database, Tx } from '../db/database';
import type { UserRow } from '../db/schema';
import { badRequest, conflict, notFound } from '../http/errors';

type CreateUser = Required<Pick<CreateUserRequest, 'username' | 'displayName' | 'role' | 'password'>> & { teamId: string | null; sipExtension: string | null };

export function toAdminUser(row: UserRow): AdminUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id,
    sipExtension: row.sip_extension,
    active: row.disabled_at === null,
    disabledAt: row.disabled_at ? row.disabled_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}

/** PostgreSQL's unique_violation, raised the same way by node-postgres and PGlite. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

export async function listUsers(db: Database): Promise<AdminUser[]> {
  const rows = await db.kysely.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toAdminUser);
}

/** Agents and team leads work in a team; admins may have none. The team must exist. */
async function checkTeam(trx: Tx, role: Role, teamId: string | null): Promise<void> {
  if (teamId === null) {
    if (role !== 'admin') throw badRequest('team_required', 'Agents and team leads must belong to a team');
    return;
  }
  const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
  if (!team) throw badRequest('unknown_team', `No team ${teamId}`);
}

async function checkExtensionFree(trx: Tx, extension: string | null, exceptUserId: string | null): Promise<void> {
  if (extension === null) return;
  let query = trx.selectFrom('users').select('id').where('sip_extension', '=', extension);
  if (exceptUserId) query = query.where('id', '<>', exceptUserId);
  if (await query.executeTakeFirst()) throw conflict('sip_extension_taken', `SIP extension ${extension} belongs to another user`);
}

/** Refuses changes that would leave no active admin (nobody could manage the center any more). */
async function checkKeepsAnAdmin(trx: Tx, userId: string): Promise<void> {
  const others = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null)
    .where('id', '<>', userId).limit(1).executeTakeFirst();
  if (!others) throw conflict('last_admin', 'This is the last active admin; make someone else admin first');
}

async function lockUser(trx: Tx, id: string): Promise<UserRow> {
  const row = await trx.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw notFound(`No user ${id}`);
  return row;
}

async function revokeSessions(trx: Tx, userId: string): Promise<void> {
  await trx.updateTable('refresh_tokens').set({ revoked_at: new Date() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

export async function createUser(db: Database, input: CreateUser): Promise<AdminUser> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (trx) => {
      await checkTeam(trx, input.role, input.teamId);
      const taken = await trx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase())).executeTakeFirst();
      if (taken) throw conflict('username_taken', `The username ${input.username} is taken`);
      await checkExtensionFree(trx, input.sipExtension, null);
      const row = await trx.insertInto('users').values({
        username: input.username, display_name: input.displayName, role: input.role, team_id: input.teamId,
        sip_extension: input.sipExtension, password_hash: passwordHash,
      }).returningAll().executeTakeFirstOrThrow();
      await trx.insertInto('agent_status').values({ user_id: row.id, state: 'offline' }).execute();
      return toAdminUser(row);
    });
  } catch (error) {
    // Two admins creating the same username at once: the unique index decides.
    if (isUniqueViolation(error)) throw conflict('username_taken', 'The username or SIP extension is taken');
    throw error;
  }
}

/** What an admin change did: the user now, and their new token generation if their old tokens were revoked. */
export interface UserChange {
  user: AdminUser;
  generation: number | null;
}

export async function updateUser(db: Database, actorId: string, id: string, patch: UpdateUserRequest): Promise<UserChange> {
  try {
    return await db.transaction(async (trx) => {
      const row = await lockUser(trx, id);
      const role = patch.role ?? row.role;
      const teamId = patch.teamId !== undefined ? patch.teamId : row.team_id;
      if (patch.role !== undefined || patch.teamId !== undefined) await checkTeam(trx, role, teamId);
      if (row.role === 'admin' && role !== 'admin') {
        if (id === actorId) throw conflict('cannot_demote_self', 'You cannot take away your own admin role');
        await checkKeepsAnAdmin(trx, id);
      }
      if (patch.sipExtension !== undefined) await checkExtensionFree(trx, patch.sipExtension, id);
      const updated = await trx.updateTable('users').set({
        ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.teamId !== undefined || patch.role !== undefined ? { team_id: teamId } : {}),
        ...(patch.sipExtension !== undefined ? { sip_extension: patch.sipExtension } : {}),
        updated_at: new Date(),
      }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
      // Access tokens carry role and team: tokens naming the old ones must not keep working.
      const scopeChanged = updated.role !== row.role || updated.team_id !== row.team_id;
      return { user: toAdminUser(updated), generation: scopeChanged ? await bumpTokenGeneration(trx, id) : null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('sip_extension_taken', 'That SIP extension belongs to another user');
    throw error;
  }
}

export async function setUserActive(db: Database, actorId: string, id: string, active: boolean): Promise<UserChange> {
  return db.transaction(async (trx) => {
    const row = await lockUser(trx, id);
    let generation: number | null = null;
    if (!active) {
      if (id === actorId) throw conflict('cannot_deactivate_self', 'You cannot deactivate your own account');
      if (row.role === 'admin') await checkKeepsAnAdmin(trx, id);
      await revokeSessions(trx, id);
      await trx.updateTable('agent_status').set({ state: 'offline', pause_code: null, since: new Date(), updated_at: new Date() }).where('user_id', '=', id).execute();
      // Tokens from before a deactivation stay dead after a reactivation: the user signs in again.
      if (row.disabled_at === null) generation = await bumpTokenGeneration(trx, id);
    }
    const updated = await trx.updateTable('users').set({ disabled_at: active ? null : (row.disabled_at ?? new Date()), updated_at: new Date() })
      .where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    return { user: toAdminUser(updated), generation };
  });
}

/** Returns the user's new token generation, to announce once committed. */
export async function resetPassword(db: Database, id: string, password: string): Promise<number> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (trx) => {
    await lockUser(trx, id);
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', id).execute();
    // Whoever held the old password may hold a session too: end them all.
    await revokeSessions(trx, id);
    return bumpTokenGeneration(trx, id);
  });
}

export async function listTeams(db: Database): Promise<Team[]> {
  const rows = await db.kysely.selectFrom('teams as t')
    .leftJoin('users as u', (join) => join.onRef('u.team_id', '=', 't.id').on('u.disabled_at', 'is', null))
    .select(['t.id', 't.name', 't.created_at', (eb) => eb.fn.count<number>('u.id').as('members')])
    .groupBy(['t.id', 't.name', 't.created_at']).orderBy('t.name').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, members: Number(row.members), createdAt: row.created_at.toISOString() }));
}

export async function createTeam(db: Database, name: string): Promise<Team> {
  try {
    const row = await db.kysely.insertInto('teams').values({ name }).returningAll().executeTakeFirstOrThrow();
    return { id: row.id, name: row.name, members: 0, createdAt: row.created_at.toISOString() };
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('team_exists', `A team named ${name} exists`);
    throw error;
  }
}

