import { expect, it } from 'vitest';
import { bootstrap } from '../src/bootstrap';
import { DEMO_ACCOUNTS } from '../src/seed/accounts';
import { DISPOSITIONS, PAUSE_CODES, TAXONOMY_V1 } from '../src/seed/reference';
import { describeEachEngine } from './engines';

describeEachEngine('demo bootstrap', (engine) => {
  it('seeds an empty database once: accounts, reference lists and customers', async () => {
    const db = engine.db();
    expect(await bootstrap(db, { production: false, demo: true, demoCustomers: 12 })).toEqual({ seeded: true });
    expect(await bootstrap(db, { production: false, demo: true, demoCustomers: 12 })).toEqual({ seeded: false });

    const users = await db.kysely.selectFrom('users').innerJoin('teams', 'teams.id', 'users.team_id').select(['username', 'role', 'sip_extension', 'teams.name as team']).orderBy('username').execute();
    expect(users).toEqual([
      { username: 'agent1', role: 'agent', sip_extension: '1001', team: 'Team A' },
      { username: 'agent2', role: 'agent', sip_extension: '1002', team: 'Team A' },
      { username: 'agent3', role: 'agent', sip_extension: '1003', team: 'Team B' },
      { username: 'lead1', role: 'team_lead', sip_extension: '1004', team: 'Team A' },
    ]);
    const admin = await db.kysely.selectFrom('users').select(['role', 'team_id', 'is_demo']).where('username', '=', 'admin').executeTakeFirstOrThrow();
    expect(admin).toEqual({ role: 'admin', team_id: null, is_demo: true });
    expect(DEMO_ACCOUNTS).toHaveLength(5);

    const hotkeys = await db.kysely.selectFrom('dispositions').select('hotkey').where('hotkey', 'is not', null).orderBy('hotkey').execute();
    expect(hotkeys.map((row) => row.hotkey)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await db.kysely.selectFrom('dispositions').select('code').execute()).toHaveLength(DISPOSITIONS.length);
    expect(await db.kysely.selectFrom('pause_codes').select('code').execute()).toHaveLength(PAUSE_CODES.length);
    const taxonomy = await db.kysely.selectFrom('taxonomy_nodes').select(['id', 'label_es']).where('id', 'in', ['delivery_delay', 'privacy_data_request']).orderBy('id').execute();
    expect(taxonomy).toEqual([{ id: 'delivery_delay', label_es: 'Retraso en la entrega' }, { id: 'privacy_data_request', label_es: 'Privacidad o datos personales' }]);
    expect(await db.kysely.selectFrom('taxonomy_nodes').select('id').execute()).toHaveLength(TAXONOMY_V1.length);

    const customers = await db.kysely.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(customers.n)).toBe(12);
  });
});
