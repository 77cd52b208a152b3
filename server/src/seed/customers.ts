/**
 * Deterministic demo and scale data: `seedCustomers(db, { count, seed })` generates customers with
 * identities, consents, complaints, interactions, surveys and queue items, and bulk-inserts them in
 * chunks (one transaction per chunk). Accounts and reference data must exist first: interactions
 * point at real agents, dispositions and taxonomy nodes. It ends by bringing the exclusion facts up
 * to date, so the marketing exclusion list is current (and its first read fast) right after a seed.
 */
import { sql } from 'kysely';
import { formatHlc } from '@contract';
import { type Database, type Tx } from '../db/database';
import { refreshExclusionFacts } from '../reports/exclusion-facts';
import { ColumnBuffer } from './generator/bulk-insert';
import { type GeneratedCustomer, type SeedContext, generateCustomer } from './generator/customer';

export interface SeedCustomersOptions {
  count: number;
  seed?: number;
  /** Index of the first generated customer; defaults to the number of customers already stored. */
  startIndex?: number;
  /** Reference "now" for every generated date (tests pin it). */
  now?: Date;
  chunkSize?: number;
  /** Chunks written at once (default 3 on PostgreSQL, 1 on PGlite, which has one connection). */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface SeedCustomersResult {
  customers: number;
  phones: number;
  identities: number;
  consents: number;
  complaints: number;
  interactions: number;
  surveys: number;
  queueItems: number;
}

const QUEUES = ['general', 'billing', 'technical', 'retention'] as const;
const SEED_NODE = 'seed';

export async function seedCustomers(db: Database, options: SeedCustomersOptions): Promise<SeedCustomersResult> {
  if (!Number.isInteger(options.count) || options.count < 0) throw new Error(`customer count must be a non-negative integer, got ${options.count}`);
  const context = await loadContext(db, options.seed ?? 1, options.now ?? new Date());
  const startIndex = options.startIndex ?? (await countCustomers(db));
  const chunkSize = options.chunkSize ?? 2000;
  const totals: SeedCustomersResult = { customers: 0, phones: 0, identities: 0, consents: 0, complaints: 0, interactions: 0, surveys: 0, queueItems: 0 };

  // PostgreSQL: several chunks in flight, so generating one overlaps writing others. Change-log
  // positions are still reserved in commit order (appendSeedChanges takes the sync_state row lock).
  const concurrency = Math.max(1, options.concurrency ?? (db.engine === 'postgres' ? 3 : 1));
  let nextOffset = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const offset = nextOffset;
      if (offset >= options.count) return;
      nextOffset += chunkSize;
      const buffers = createBuffers();
      const end = Math.min(options.count, offset + chunkSize);
      for (let i = offset; i < end; i++) addCustomer(buffers, generateCustomer(startIndex + i, context), context);
      // Counted locally and added after the await: `totals.x += await …` would read totals before
      // the await and lose the other workers' updates.
      const written = await db.transaction(async (trx) => {
        // Parents before children (foreign keys).
        const counts: SeedCustomersResult = {
          customers: await buffers.customers.flush(trx),
          phones: await buffers.phones.flush(trx),
          identities: await buffers.identities.flush(trx),
          consents: await buffers.consents.flush(trx),
          complaints: 0, interactions: 0, surveys: 0, queueItems: 0,
        };
        await buffers.consentEvents.flush(trx);
        counts.complaints = await buffers.complaints.flush(trx);
        counts.interactions = await buffers.interactions.flush(trx);
        await buffers.complaintLinks.flush(trx);
        counts.surveys = await buffers.surveys.flush(trx);
        counts.queueItems = await buffers.queueItems.flush(trx);
        await appendSeedChanges(trx, buffers.customerIds);
        return counts;
      });
      for (const key of Object.keys(totals) as (keyof SeedCustomersResult)[]) totals[key] += written[key];
      done += end - offset;
      options.onProgress?.(done, options.count);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  // The chunks' triggers marked their customers stale; catch up now rather than on the first read.
  await refreshExclusionFacts(db);
  return totals;
}

async function countCustomers(db: Database): Promise<number> {
  const row = await db.kysely.selectFrom('customers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function loadContext(db: Database, seed: number, now: Date): Promise<SeedContext & { taxonomyVersion: number; agentTeam: Map<string, string> }> {
  const agents = await db.kysely.selectFrom('users').select(['id', 'team_id'])
    .where('role', '=', 'agent').where('team_id', 'is not', null).where('disabled_at', 'is', null).orderBy('username').execute();
  const teams = await db.kysely.selectFrom('teams').select('id').orderBy('name').execute();
  const dispositions = await db.kysely.selectFrom('dispositions').select('code').where('active', '=', true).orderBy('sort_order').orderBy('code').execute();
  const version = await db.kysely.selectFrom('taxonomy_versions').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
  // Complaints are typed with leaves of the newest taxonomy version.
  const leaves = version
    ? await db.kysely.selectFrom('taxonomy_nodes as n').select(['n.id', 'n.sla_hours'])
      .where('n.version', '=', version.version)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('taxonomy_nodes as c').select('c.id')
        .whereRef('c.version', '=', 'n.version').whereRef('c.parent_id', '=', 'n.id'))))
      .orderBy('n.sort_order').orderBy('n.id').execute()
    : [];
  if (agents.length === 0 || teams.length === 0) throw new Error('seed accounts and teams before customers (no agents found)');
  const agentList = agents.map((a) => ({ id: a.id, teamId: a.team_id as string }));
  return {
    seed,
    now,
    agents: agentList,
    teamIds: teams.map((t) => t.id),
    dispositions: dispositions.map((d) => d.code),
    complaintTypes: leaves.map((leaf) => ({ id: leaf.id, slaHours: leaf.sla_hours })),
    queues: QUEUES,
    taxonomyVersion: version?.version ?? 0,
    agentTeam: new Map(agentList.map((a) => [a.id, a.teamId])),
  };
}

function createBuffers() {
  return {
    customers: new ColumnBuffer('customers', [
      { name: 'id', type: 'uuid' }, { name: 'display_name', type: 'text' }, { name: 'language', type: 'text' },
      { name: 'preferred_channel', type: 'text' }, { name: 'loyalty_level', type: 'text' }, { name: 'clv', type: 'numeric' },
      { name: 'influencer', type: 'boolean' }, { name: 'influencer_reach', type: 'integer' }, { name: 'created_at', type: 'timestamptz' },
    ]),
    phones: new ColumnBuffer('customer_phones', [
      { name: 'customer_id', type: 'uuid' }, { name: 'e164', type: 'text' }, { name: 'label', type: 'text' }, { name: 'created_at', type: 'timestamptz' },
    ], { id: 'gen_random_uuid()' }),
    identities: new ColumnBuffer('customer_identities', [
      { name: 'customer_id', type: 'uuid' }, { name: 'kind', type: 'text' }, { name: 'value', type: 'text' }, { name: 'created_at', type: 'timestamptz' },
    ], { id: 'gen_random_uuid()' }),
    consents: new ColumnBuffer('consents', [
      { name: 'customer_id', type: 'uuid' }, { name: 'channel', type: 'text' }, { name: 'status', type: 'text' }, { name: 'source', type: 'text' },
      { name: 'stamp', type: 'text' }, { name: 'stamped_at', type: 'timestamptz' }, { name: 'revoked_at', type: 'timestamptz' },
    ], { id: 'gen_random_uuid()' }),
    consentEvents: new ColumnBuffer('consent_events', [
      { name: 'customer_id', type: 'uuid' }, { name: 'channel', type: 'text' }, { name: 'status', type: 'text' }, { name: 'source', type: 'text' },
      { name: 'stamp', type: 'text' }, { name: 'stamped_at', type: 'timestamptz' }, { name: 'effective', type: 'boolean' },
    ]),
    complaints: new ColumnBuffer('complaints', [
      { name: 'id', type: 'uuid' }, { name: 'customer_id', type: 'uuid' }, { name: 'type_id', type: 'text' }, { name: 'taxonomy_version', type: 'integer' },
      { name: 'status', type: 'text' }, { name: 'description', type: 'text' }, { name: 'opened_at', type: 'timestamptz' },
      { name: 'sla_due_at', type: 'timestamptz' }, { name: 'resolved_at', type: 'timestamptz' },
    ]),
    interactions: new ColumnBuffer('interactions', [
      { name: 'id', type: 'uuid' }, { name: 'customer_id', type: 'uuid' }, { name: 'channel', type: 'text' }, { name: 'direction', type: 'text' },
      { name: 'queue', type: 'text' }, { name: 'agent_id', type: 'uuid' }, { name: 'team_id', type: 'uuid' }, { name: 'remote_number', type: 'text' },
      { name: 'queued_at', type: 'timestamptz' }, { name: 'answered_at', type: 'timestamptz' }, { name: 'ended_at', type: 'timestamptz' },
      { name: 'hold_seconds', type: 'integer' }, { name: 'transfer_target', type: 'text' }, { name: 'wrapped_up_at', type: 'timestamptz' },
      { name: 'disposition', type: 'text' }, { name: 'emotion_start', type: 'text' }, { name: 'emotion_start_intensity', type: 'smallint' },
      { name: 'emotion_end', type: 'text' }, { name: 'emotion_end_intensity', type: 'smallint' }, { name: 'complaint_type_id', type: 'text' },
      { name: 'complaint_id', type: 'uuid' }, { name: 'notes', type: 'text' }, { name: 'first_contact_resolution', type: 'boolean' },
      { name: 'csat', type: 'smallint' }, { name: 'nps', type: 'smallint' }, { name: 'ces', type: 'smallint' },
      { name: 'client_ts', type: 'text' }, { name: 'created_at', type: 'timestamptz' },
    ]),
    complaintLinks: new ColumnBuffer('complaint_interactions', [
      { name: 'complaint_id', type: 'uuid' }, { name: 'interaction_id', type: 'uuid' }, { name: 'linked_at', type: 'timestamptz' },
    ]),
    surveys: new ColumnBuffer('survey_responses', [
      { name: 'customer_id', type: 'uuid' }, { name: 'interaction_id', type: 'uuid' }, { name: 'kind', type: 'text' },
      { name: 'score', type: 'smallint' }, { name: 'responded_at', type: 'timestamptz' },
    ], { id: 'gen_random_uuid()' }),
    queueItems: new ColumnBuffer('queue_items', [
      { name: 'id', type: 'uuid' }, { name: 'kind', type: 'text' }, { name: 'customer_id', type: 'uuid' }, { name: 'complaint_id', type: 'uuid' },
      { name: 'team_id', type: 'uuid' }, { name: 'due_at', type: 'timestamptz' }, { name: 'assignee_id', type: 'uuid' }, { name: 'state', type: 'text' },
      { name: 'note', type: 'text' }, { name: 'created_at', type: 'timestamptz' }, { name: 'claimed_at', type: 'timestamptz' },
    ]),
    customerIds: [] as string[],
  };
}
type Buffers = ReturnType<typeof createBuffers>;

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);
const stampAt = (date: Date): string => formatHlc({ wallMs: date.getTime(), counter: 0, node: SEED_NODE });

function addCustomer(buffers: Buffers, customer: GeneratedCustomer, context: Awaited<ReturnType<typeof loadContext>>): void {
  buffers.customers.push({
    id: customer.id, display_name: customer.displayName, language: customer.language, preferred_channel: customer.preferredChannel,
    loyalty_level: customer.loyaltyLevel, clv: customer.lifetimeValue, influencer: customer.influencer,
    influencer_reach: customer.influencerReach ?? 0, created_at: iso(customer.createdAt),
  });
  buffers.customerIds.push(customer.id);
  let phoneCount = 0;
  for (const identity of customer.identities) {
    if (identity.kind === 'phone') {
      buffers.phones.push({ customer_id: customer.id, e164: identity.value, label: phoneCount++ === 0 ? 'mobile' : 'other', created_at: iso(customer.createdAt) });
    } else {
      buffers.identities.push({ customer_id: customer.id, kind: identity.kind, value: identity.value, created_at: iso(customer.createdAt) });
    }
  }

  // consents holds the decision in force (the latest); consent_events keeps every decision.
  const current = new Map<string, (typeof customer.consents)[number]>();
  for (const consent of customer.consents) {
    buffers.consentEvents.push({
      customer_id: customer.id, channel: consent.channel, status: consent.granted ? 'granted' : 'revoked', source: consent.source,
      stamp: stampAt(consent.at), stamped_at: iso(consent.at), effective: true,
    });
    current.set(consent.channel, consent);
  }
  for (const consent of current.values()) {
    buffers.consents.push({
      customer_id: customer.id, channel: consent.channel, status: consent.granted ? 'granted' : 'revoked', source: consent.source,
      stamp: stampAt(consent.at), stamped_at: iso(consent.at), revoked_at: consent.granted ? null : iso(consent.at),
    });
  }

  if (context.taxonomyVersion > 0) {
    for (const complaint of customer.complaints) {
      buffers.complaints.push({
        id: complaint.id, customer_id: customer.id, type_id: complaint.typeId, taxonomy_version: context.taxonomyVersion,
        status: complaint.status, description: complaint.description, opened_at: iso(complaint.openedAt),
        sla_due_at: iso(complaint.slaDueAt), resolved_at: iso(complaint.resolvedAt),
      });
    }
  }

  for (const interaction of customer.interactions) {
    if (interaction.agentId === null) continue;
    const teamId = context.agentTeam.get(interaction.agentId) ?? null;
    const complaintId = context.taxonomyVersion > 0 ? interaction.complaintId : null;
    const wrappedUpAt = interaction.afterCallSeconds === null ? null : new Date(interaction.endedAt.getTime() + interaction.afterCallSeconds * 1000);
    buffers.interactions.push({
      id: interaction.id, customer_id: customer.id, channel: interaction.channel, direction: interaction.direction, queue: interaction.queue,
      agent_id: interaction.agentId, team_id: teamId, remote_number: interaction.remoteNumber, queued_at: iso(interaction.queuedAt),
      answered_at: iso(interaction.answeredAt), ended_at: iso(interaction.endedAt), hold_seconds: interaction.holdSeconds,
      transfer_target: interaction.transferred ? 'queue:retention' : null, wrapped_up_at: iso(wrappedUpAt),
      disposition: interaction.disposition, emotion_start: interaction.emotionStart, emotion_start_intensity: interaction.emotionStartIntensity,
      emotion_end: interaction.emotionEnd, emotion_end_intensity: interaction.emotionEndIntensity,
      complaint_type_id: complaintId ? interaction.complaintTypeId : null, complaint_id: complaintId, notes: interaction.notes,
      first_contact_resolution: interaction.firstContactResolution, csat: interaction.csat, nps: interaction.nps, ces: interaction.ces,
      client_ts: stampAt(interaction.queuedAt), created_at: iso(interaction.endedAt),
    });
    if (complaintId) buffers.complaintLinks.push({ complaint_id: complaintId, interaction_id: interaction.id, linked_at: iso(interaction.endedAt) });
    const respondedAt = iso(new Date(interaction.endedAt.getTime() + 3_600_000));
    for (const kind of ['nps', 'csat', 'ces'] as const) {
      const score = interaction[kind];
      if (score !== null) buffers.surveys.push({ customer_id: customer.id, interaction_id: interaction.id, kind, score, responded_at: respondedAt });
    }
  }

  for (const item of customer.queueItems) {
    if (item.complaintId !== null && context.taxonomyVersion === 0) continue;
    buffers.queueItems.push({
      id: item.id, kind: item.kind, customer_id: customer.id, complaint_id: item.complaintId, team_id: item.teamId, due_at: iso(item.dueAt),
      assignee_id: item.state === 'claimed' ? item.assigneeId : null, state: item.state === 'claimed' && item.assigneeId === null ? 'open' : item.state,
      note: item.note, created_at: iso(item.createdAt), claimed_at: item.state === 'claimed' ? iso(item.createdAt) : null,
    });
  }
}

/**
 * Makes the chunk's rows visible to clients' pull: one change-log row per entity (customers,
 * identities, consents, complaints, interactions, queue items), with positions reserved from
 * sync_state under its row lock like every other append (sync/change-log.ts). Team-scoped the way
 * the push handlers scope them: interactions and queue items by team, the rest visible to all.
 */
async function appendSeedChanges(trx: Tx, customerIds: string[]): Promise<void> {
  if (customerIds.length === 0) return;
  const ids = sql`${customerIds}::uuid[]`;
  await sql`
    with refs as (
      select 'customer' as entity, id, null::uuid as team_id from customers where id = any(${ids})
      union all select 'identity', id, null from customer_phones where customer_id = any(${ids})
      union all select 'identity', id, null from customer_identities where customer_id = any(${ids})
      union all select 'consent', id, null from consents where customer_id = any(${ids})
      union all select 'complaint', id, null from complaints where customer_id = any(${ids})
      union all select 'interaction', id, team_id from interactions where customer_id = any(${ids})
      union all select 'queue_item', id, team_id from queue_items where customer_id = any(${ids})
    ),
    numbered as (select refs.*, row_number() over () as n, count(*) over () as total from refs),
    reserved as (update sync_state set last_seq = last_seq + (select count(*) from refs) returning last_seq)
    insert into change_log (seq, entity, entity_id, op, rev, team_id)
    select reserved.last_seq - numbered.total + numbered.n, numbered.entity, numbered.id, 'upsert', 1, numbered.team_id
    from numbered cross join reserved`.execute(trx);
}
