/** Terse builders for hand-made test rows: only what a test states, sane defaults for the rest. */
import { randomUUID } from 'node:crypto';
import { type Insertable } from 'kysely';
import { type Database } from '../../db/database';
import { type CustomersTable, type InteractionsTable } from '../../db/schema';

export const at = (iso: string, plusSeconds = 0): string => new Date(new Date(iso).getTime() + plusSeconds * 1000).toISOString();

export async function insertCustomer(db: Database, values: Partial<Insertable<CustomersTable>> & { phone?: string } = {}): Promise<string> {
  const id = values.id ?? randomUUID();
  const { phone, ...columns } = values;
  await db.kysely.insertInto('customers').values({ display_name: 'Test Customer', clv: 0, ...columns, id }).execute();
  if (phone) await db.kysely.insertInto('customer_phones').values({ id: randomUUID(), customer_id: id, e164: phone, label: 'mobile' }).execute();
  return id;
}

export async function insertInteraction(db: Database, values: Partial<Insertable<InteractionsTable>> & { agent_id: string }): Promise<string> {
  const id = values.id ?? randomUUID();
  await db.kysely.insertInto('interactions').values({
    channel: 'call', direction: 'inbound', client_ts: '000001700000000-0000-test', customer_id: null, queue: null, team_id: null,
    remote_number: null, line: null, transfer_target: null, transferred_from: null, disposition: null, emotion_start: null,
    emotion_start_intensity: null, emotion_end: null, emotion_end_intensity: null, complaint_type_id: null, complaint_id: null,
    script_id: null, script_version: null, first_contact_resolution: null, csat: null, nps: null, ces: null,
    ...values, id,
  }).execute();
  return id;
}

export interface RetagValues {
  disposition?: string;
  complaintTypeId?: string | null;
  emotionEnd?: { emotion: string; intensity: number } | null;
  firstContactResolution?: boolean;
}

/** A team-lead re-tag as the sync handler records it: audit row plus the interaction's new outcome. */
export async function retag(db: Database, interactionId: string, leadId: string, values: RetagValues, reason: string): Promise<void> {
  await db.transaction(async (trx) => {
    await trx.insertInto('outcome_retags').values({
      id: randomUUID(), interaction_id: interactionId, retagged_by: leadId, client_ts: '000001700000000-0000-lead',
      old: JSON.stringify({}), new: JSON.stringify(values), reason,
    }).execute();
    await trx.updateTable('interactions').set({
      ...(values.disposition !== undefined ? { disposition: values.disposition } : {}),
      ...(values.complaintTypeId !== undefined ? { complaint_type_id: values.complaintTypeId } : {}),
      ...(values.emotionEnd !== undefined ? { emotion_end: values.emotionEnd?.emotion ?? null, emotion_end_intensity: values.emotionEnd?.intensity ?? null } : {}),
      ...(values.firstContactResolution !== undefined ? { first_contact_resolution: values.firstContactResolution } : {}),
    }).where('id', '=', interactionId).execute();
  });
}
