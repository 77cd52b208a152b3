/**
 * Demo accounts (demo mode only, never production): teams A and B; agent1 (1001) and agent2
 * (1002) on team A, agent3 (1003) on team B, lead1 (1004) leading team A, admin (1005).
 * Every password is `centralita`. Rows are flagged is_demo so production can refuse them.
 */
import type { Role } from '@contract/domain';
import type { Database } from '../db/database';
import { hashPassword } from '../auth/passwords';

export const DEMO_PASSWORD = 'centralita';
export const DEMO_TEAMS = ['Team A', 'Team B'] as const;

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  team: (typeof DEMO_TEAMS)[number] | null;
  sipExtension: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'agent1', displayName: 'Ana García', role: 'agent', team: 'Team A', sipExtension: '1001' },
  { username: 'agent2', displayName: 'Brian Walker', role: 'agent', team: 'Team A', sipExtension: '1002' },
  { username: 'agent3', displayName: 'Carmen López', role: 'agent', team: 'Team B', sipExtension: '1003' },
  { username: 'lead1', displayName: 'Diego Fernández', role: 'team_lead', team: 'Team A', sipExtension: '1004' },
  { username: 'admin', displayName: 'Administrator', role: 'admin', team: null, sipExtension: '1005' },
];

export interface SeededAccounts {
  teams: Record<(typeof DEMO_TEAMS)[number], string>;
  users: Record<string, string>;
}

/** Inserts the demo teams and accounts; returns their ids. Expects none of them to exist. */
export async function seedDemoAccounts(db: Database): Promise<SeededAccounts> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (trx) => {
    const teamRows = await trx.insertInto('teams').values(DEMO_TEAMS.map((name) => ({ name }))).returning(['id', 'name']).execute();
    const teams = Object.fromEntries(teamRows.map((row) => [row.name, row.id])) as SeededAccounts['teams'];
    const userRows = await trx.insertInto('users').values(DEMO_ACCOUNTS.map((account) => ({
      username: account.username,
      display_name: account.displayName,
      role: account.role,
      team_id: account.team ? teams[account.team] : null,
      sip_extension: account.sipExtension,
      password_hash: passwordHash,
      is_demo: true,
    }))).returning(['id', 'username']).execute();
    await trx.insertInto('agent_status').values(userRows.map((row) => ({ user_id: row.id, state: 'offline' as const }))).execute();
    return { teams, users: Object.fromEntries(userRows.map((row) => [row.username, row.id])) };
  });
}

export async function countDemoAccounts(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('is_demo', '=', true).executeTakeFirstOrThrow();
  return Number(row.n);
}
