/**
 * The reference lists every client caches (dispositions, pause codes, the current complaint
 * taxonomy) and their revision. Clients download them with GET /api/reference (ETag: the
 * revision) and hear `event: reference` on the sync event stream when an admin changes them.
 */
import type { Disposition, PauseCode, ReferenceData, TaxonomyTree } from '@contract/admin';
import type { Database, Tx } from '../db/database';
import { afterCallWorkSchema, DEFAULT_AFTER_CALL_WORK, type AfterCallWorkPolicy } from '@contract/reference-lists';
import { notFound } from '../http/errors';

export const REFERENCE_CHANNEL = 'centralita_reference';

type Reader = Database['kysely'] | Tx;

export async function referenceRevision(db: Reader): Promise<number> {
  const row = await db.selectFrom('reference_state').select('revision').executeTakeFirstOrThrow();
  return row.revision;
}

/** Bumps the revision inside the admin change's transaction; announce it after commit. */
export async function bumpReferenceRevision(trx: Tx): Promise<number> {
  const row = await trx.updateTable('reference_state').set((eb) => ({ revision: eb('revision', '+', 1), updated_at: new Date() }))
    .returning('revision').executeTakeFirstOrThrow();
  return row.revision;
}

/** Tells every server process's SSE clients that the lists changed (errors are the caller's to log). */
export function announceReferenceRevision(db: Database, revision: number): Promise<void> {
  return db.notify(REFERENCE_CHANNEL, String(revision));
}

export async function listDispositions(db: Reader): Promise<Disposition[]> {
  const rows = await db.selectFrom('dispositions').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((row) => ({
    code: row.code, labelEn: row.label_en, labelEs: row.label_es, hotkey: row.hotkey,
    requiredFields: row.required_fields as Disposition['requiredFields'], resolves: row.resolves, sortOrder: row.sort_order, active: row.active,
  }));
}

export async function listPauseCodes(db: Reader): Promise<PauseCode[]> {
  const rows = await db.selectFrom('pause_codes').selectAll().orderBy('sort_order').orderBy('code').execute();
  return rows.map((row) => ({
    code: row.code, labelEn: row.label_en, labelEs: row.label_es, paid: row.paid, maxMinutes: row.max_minutes, sortOrder: row.sort_order, active: row.active,
  }));
}

export async function currentTaxonomyVersion(db: Reader): Promise<number> {
  const row = await db.selectFrom('taxonomy_versions').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  if (row?.version === null || row?.version === undefined) throw notFound('No taxonomy has been published');
  return Number(row.version);
}

/** One version of the taxonomy tree (nodes in publication order: parents before children). */
export async function taxonomyTree(db: Reader, version?: number): Promise<TaxonomyTree> {
  const wanted = version ?? await currentTaxonomyVersion(db);
  const head = await db.selectFrom('taxonomy_versions').selectAll().where('version', '=', wanted).executeTakeFirst();
  if (!head) throw notFound(`No taxonomy version ${wanted}`);
  const nodes = await db.selectFrom('taxonomy_nodes').selectAll().where('version', '=', wanted).orderBy('sort_order').orderBy('id').execute();
  return {
    version: head.version,
    publishedAt: head.published_at.toISOString(),
    note: head.note,
    nodes: nodes.map((node) => ({ id: node.id, parentId: node.parent_id, labelEn: node.label_en, labelEs: node.label_es, slaHours: node.sla_hours, sortOrder: node.sort_order })),
  };
}

export async function listTaxonomyVersions(db: Reader) {
  const rows = await db.selectFrom('taxonomy_versions as v').leftJoin('taxonomy_nodes as n', 'n.version', 'v.version')
    .select(['v.version', 'v.published_at', 'v.note', (eb) => eb.fn.count<number>('n.id').as('node_count')])
    .groupBy(['v.version', 'v.published_at', 'v.note']).orderBy('v.version', 'desc').execute();
  return rows.map((row) => ({ version: row.version, publishedAt: row.published_at.toISOString(), note: row.note, nodeCount: Number(row.node_count) }));
}

export const AFTER_CALL_WORK_KEY = 'after_call_work';

/** The stored after-call-work policy (app_settings), or the defaults when none was set or it no longer parses. */
export async function afterCallWorkPolicy(db: Reader): Promise<AfterCallWorkPolicy> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', AFTER_CALL_WORK_KEY).executeTakeFirst();
  const value: unknown = typeof row?.value === 'string' ? JSON.parse(row.value) : row?.value;
  const parsed = afterCallWorkSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_AFTER_CALL_WORK;
}

/** Read in one repeatable-read transaction so the revision matches the lists it labels. */
export function loadReferenceData(db: Database): Promise<ReferenceData> {
  return db.transaction(async (trx) => ({
    revision: await referenceRevision(trx),
    dispositions: await listDispositions(trx),
    pauseCodes: await listPauseCodes(trx),
    taxonomy: await taxonomyTree(trx),
    afterCallWork: await afterCallWorkPolicy(trx),
  }), { isolation: 'repeatable read' });
}
