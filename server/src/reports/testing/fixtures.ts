/**
 * A small, hand-made world for the read tests: two teams, their agents and leads, an admin, a few
 * dispositions and a two-level taxonomy. Inserted directly so the tests control every value.
 */
import { type Database } from '../../db/database';

export interface Fixture {
  teamA: string;
  teamB: string;
  agent1: string;
  agent2: string;
  agent3: string;
  lead1: string;
  lead2: string;
  admin: string;
}

export async function insertFixture(db: Database): Promise<Fixture> {
  const k = db.kysely;
  const [teamA, teamB] = await k.insertInto('teams').values([{ name: 'Team A' }, { name: 'Team B' }]).returning('id').execute();
  if (!teamA || !teamB) throw new Error('teams not created');
  const user = async (username: string, role: 'agent' | 'team_lead' | 'admin', teamId: string | null): Promise<string> => {
    const row = await k.insertInto('users').values({
      username, display_name: username, role, team_id: teamId, password_hash: 'not-a-real-hash', sip_extension: null,
    }).returning('id').executeTakeFirstOrThrow();
    return row.id;
  };
  const fixture: Fixture = {
    teamA: teamA.id,
    teamB: teamB.id,
    agent1: await user('t_agent1', 'agent', teamA.id),
    agent2: await user('t_agent2', 'agent', teamA.id),
    agent3: await user('t_agent3', 'agent', teamB.id),
    lead1: await user('t_lead1', 'team_lead', teamA.id),
    lead2: await user('t_lead2', 'team_lead', teamB.id),
    admin: await user('t_admin', 'admin', null),
  };
  await k.insertInto('dispositions').values([
    { code: 'resolved', label_en: 'Resolved', label_es: 'Resuelto', hotkey: 1, resolves: true, sort_order: 1 },
    { code: 'callback', label_en: 'Callback', label_es: 'Rellamada', hotkey: 2, sort_order: 2 },
    { code: 'complaint', label_en: 'Complaint', label_es: 'Reclamación', hotkey: 3, sort_order: 3 },
  ]).onConflict((oc) => oc.doNothing()).execute();
  await k.insertInto('taxonomy_versions').values({ version: 1 }).onConflict((oc) => oc.doNothing()).execute();
  await k.insertInto('taxonomy_nodes').values([
    { version: 1, id: 'billing', parent_id: null, label_en: 'Billing', label_es: 'Facturación', sla_hours: 72 },
    { version: 1, id: 'billing.double_charge', parent_id: 'billing', label_en: 'Double charge', label_es: 'Cobro duplicado', sla_hours: 48 },
    { version: 1, id: 'service', parent_id: null, label_en: 'Service', label_es: 'Servicio', sla_hours: 72 },
    { version: 1, id: 'service.outage', parent_id: 'service', label_en: 'Outage', label_es: 'Corte', sla_hours: 24 },
  ]).onConflict((oc) => oc.doNothing()).execute();
  return fixture;
}
