/**
 * The full current state of each sync entity as the client receives it (camelCase JSON), for
 * pull pages and for `conflict` results. Loaded in batches by id.
 */
import type { Kysely, Selectable } from 'kysely';
import type { SyncEntity } from '@contract/sync';
import type { ConsentsTable, DB } from '../db/schema';
import { outcomeOf } from '../db/outcome';

export type EntityData = Record<string, unknown>;
type Reader = Kysely<DB>;
type ConsentRow = Selectable<ConsentsTable>;

const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);

export async function loadEntities(db: Reader, entity: SyncEntity, ids: readonly string[]): Promise<Map<string, EntityData>> {
  if (ids.length === 0) return new Map();
  const unique = [...new Set(ids)];
  switch (entity) {
    case 'customer': return loadCustomers(db, unique);
    case 'identity': return loadIdentities(db, unique);
    case 'consent': return loadConsents(db, unique);
    case 'interaction': return loadInteractions(db, unique);
    case 'complaint': return loadComplaints(db, unique);
    case 'outcome_tag': return loadOutcomeTags(db, unique);
    case 'queue_item': return loadQueueItems(db, unique);
  }
}

export async function loadEntity(db: Reader, entity: SyncEntity, id: string): Promise<EntityData | null> {
  return (await loadEntities(db, entity, [id])).get(id) ?? null;
}

async function loadCustomers(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const rows = await db.selectFrom('customers').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, {
    id: row.id,
    displayName: row.display_name,
    language: row.language,
    preferredChannel: row.preferred_channel,
    loyaltyLevel: row.loyalty_level,
    clv: Number(row.clv),
    influencer: row.influencer,
    influencerReach: row.influencer_reach,
    mergedInto: row.merged_into,
    fieldTs: row.field_ts,
    rev: row.rev,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  }]));
}

async function loadIdentities(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const phones = await db.selectFrom('customer_phones').select(['id', 'customer_id', 'e164', 'label']).where('id', 'in', ids).execute();
  const others = await db.selectFrom('customer_identities').select(['id', 'customer_id', 'kind', 'value']).where('id', 'in', ids).execute();
  const result = new Map<string, EntityData>();
  for (const row of phones) result.set(row.id, { id: row.id, customerId: row.customer_id, kind: 'phone', value: row.e164, label: row.label, rev: 1 });
  for (const row of others) result.set(row.id, { id: row.id, customerId: row.customer_id, kind: row.kind, value: row.value, label: null, rev: 1 });
  return result;
}

async function loadConsents(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const rows = await db.selectFrom('consents').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, consentData(row)]));
}

/** A consent as clients see it (also the `current` of a conflict decided in the bulk path). */
export function consentData(row: Pick<ConsentRow, 'id' | 'customer_id' | 'channel' | 'status' | 'source' | 'stamp' | 'stamped_at' | 'revoked_at' | 'rev'>): EntityData {
  return {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    status: row.status,
    source: row.source,
    stamp: row.stamp,
    stampedAt: iso(row.stamped_at),
    revokedAt: iso(row.revoked_at),
    rev: row.rev,
  };
}

async function loadInteractions(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const rows = await db.selectFrom('interactions').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, {
    id: row.id,
    customerId: row.customer_id,
    channel: row.channel,
    direction: row.direction,
    queue: row.queue,
    agentId: row.agent_id,
    teamId: row.team_id,
    remoteNumber: row.remote_number,
    line: row.line,
    queuedAt: iso(row.queued_at),
    answeredAt: iso(row.answered_at),
    endedAt: iso(row.ended_at),
    holdSeconds: row.hold_seconds,
    transferTarget: row.transfer_target,
    transferredFrom: row.transferred_from,
    wrappedUpAt: iso(row.wrapped_up_at),
    ...outcomeOf(row),
    complaintId: row.complaint_id,
    notes: row.notes,
    scriptId: row.script_id,
    scriptVersion: row.script_version,
    scriptAnswers: row.script_answers,
    csat: row.csat,
    nps: row.nps,
    ces: row.ces,
    rev: row.rev,
    createdAt: iso(row.created_at),
  }]));
}

async function loadComplaints(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const rows = await db.selectFrom('complaints').selectAll().where('id', 'in', ids).execute();
  const links = await db.selectFrom('complaint_interactions').select(['complaint_id', 'interaction_id'])
    .where('complaint_id', 'in', ids).orderBy('linked_at').execute();
  const linked = new Map<string, string[]>();
  for (const link of links) linked.set(link.complaint_id, [...(linked.get(link.complaint_id) ?? []), link.interaction_id]);
  return new Map(rows.map((row) => [row.id, {
    id: row.id,
    customerId: row.customer_id,
    typeId: row.type_id,
    taxonomyVersion: row.taxonomy_version,
    status: row.status,
    description: row.description,
    openedBy: row.opened_by,
    openedAt: iso(row.opened_at),
    slaDueAt: iso(row.sla_due_at),
    resolvedAt: iso(row.resolved_at),
    interactionIds: linked.get(row.id) ?? [],
    rev: row.rev,
  }]));
}

async function loadOutcomeTags(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const rows = await db.selectFrom('outcome_retags').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, {
    id: row.id,
    interactionId: row.interaction_id,
    retaggedBy: row.retagged_by,
    retaggedAt: iso(row.retagged_at),
    old: row.old,
    new: row.new,
    reason: row.reason,
    rev: 1,
  }]));
}

async function loadQueueItems(db: Reader, ids: string[]): Promise<Map<string, EntityData>> {
  const rows = await db.selectFrom('queue_items').selectAll().where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, {
    id: row.id,
    kind: row.kind,
    customerId: row.customer_id,
    complaintId: row.complaint_id,
    teamId: row.team_id,
    dueAt: iso(row.due_at),
    assigneeId: row.assignee_id,
    state: row.state,
    note: row.note,
    disposition: row.disposition,
    interactionId: row.interaction_id,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    claimedAt: iso(row.claimed_at),
    completedAt: iso(row.completed_at),
    rev: row.rev,
  }]));
}
