/**
 * Admin changes to the reference lists. Codes are never deleted (interactions and statuses keep
 * pointing at them): a list entry is retired, which hides it from new wrap-ups and frees its
 * hotkey digit. A taxonomy is never edited: a new version of the whole tree is published and the
 * older ones stay readable (complaints keep the version they were filed under). Every change bumps
 * the reference revision in the same transaction; the route announces it after commit.
 */
import type { z } from 'zod';
import type {
  createDispositionRequestSchema, createPauseCodeRequestSchema, Disposition, PauseCode, publishTaxonomyRequestSchema, TaxonomyTree,
  updateDispositionRequestSchema, updatePauseCodeRequestSchema,
} from '@contract/admin';
import type { Database, Tx } from '../db/database';
import { badRequest, conflict, notFound } from '../http/errors';
import { bumpReferenceRevision, listDispositions, listPauseCodes, taxonomyTree } from '../reference/reference-data';
import { isUniqueViolation } from './users';

export interface Revised<T> { value: T; revision: number }

type NewDisposition = z.output<typeof createDispositionRequestSchema>;
type DispositionPatch = z.output<typeof updateDispositionRequestSchema>;
type NewPauseCode = z.output<typeof createPauseCodeRequestSchema>;
type PauseCodePatch = z.output<typeof updatePauseCodeRequestSchema>;
type NewTaxonomy = z.output<typeof publishTaxonomyRequestSchema>;

/**
 * Runs a reference change in one transaction that first bumps the revision: the revision row's
 * lock serialises admin changes, so checks (free hotkey, next taxonomy version) see every
 * earlier change committed.
 */
async function revise<T>(db: Database, change: (trx: Tx) => Promise<T>): Promise<Revised<T>> {
  try {
    return await db.transaction(async (trx) => {
      const revision = await bumpReferenceRevision(trx);
      return { value: await change(trx), revision };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('concurrent_change', 'Someone changed the same entry at the same time; reload and retry');
    throw error;
  }
}

async function checkHotkeyFree(trx: Tx, hotkey: number | null | undefined, exceptCode: string): Promise<void> {
  if (hotkey === null || hotkey === undefined) return;
  const holder = await trx.selectFrom('dispositions').select('code').where('hotkey', '=', hotkey).where('active', '=', true)
    .where('code', '<>', exceptCode).executeTakeFirst();
  if (holder) throw conflict('hotkey_taken', `Hotkey ${hotkey} belongs to the active disposition ${holder.code}`);
}

async function nextSortOrder(trx: Tx, table: 'dispositions' | 'pause_codes'): Promise<number> {
  const row = await trx.selectFrom(table).select((eb) => eb.fn.max('sort_order').as('top')).executeTakeFirst();
  return row?.top === null || row?.top === undefined ? 0 : Number(row.top) + 1;
}

async function findDisposition(trx: Tx, code: string): Promise<Disposition> {
  const found = (await listDispositions(trx)).find((d) => d.code === code);
  if (!found) throw notFound(`No disposition ${code}`);
  return found;
}

async function findPauseCode(trx: Tx, code: string): Promise<PauseCode> {
  const found = (await listPauseCodes(trx)).find((p) => p.code === code);
  if (!found) throw notFound(`No pause code ${code}`);
  return found;
}

export function createDisposition(db: Database, input: NewDisposition): Promise<Revised<Disposition>> {
  return revise(db, async (trx) => {
    const exists = await trx.selectFrom('dispositions').select('code').where('code', '=', input.code).executeTakeFirst();
    if (exists) throw conflict('code_exists', `A disposition ${input.code} exists (retired ones keep their code)`);
    await checkHotkeyFree(trx, input.hotkey, input.code);
    await trx.insertInto('dispositions').values({
      code: input.code, label_en: input.labelEn, label_es: input.labelEs, hotkey: input.hotkey ?? null,
      required_fields: JSON.stringify(input.requiredFields ?? []), resolves: input.resolves ?? false,
      sort_order: input.sortOrder ?? await nextSortOrder(trx, 'dispositions'),
    }).execute();
    return findDisposition(trx, input.code);
  });
}

export function updateDisposition(db: Database, code: string, patch: DispositionPatch & { active?: boolean }): Promise<Revised<Disposition>> {
  return revise(db, async (trx) => {
    const current = await findDisposition(trx, code);
    const willBeActive = patch.active ?? current.active;
    if (willBeActive) await checkHotkeyFree(trx, patch.hotkey !== undefined ? patch.hotkey : current.hotkey, code);
    await trx.updateTable('dispositions').set({
      ...(patch.labelEn !== undefined ? { label_en: patch.labelEn } : {}),
      ...(patch.labelEs !== undefined ? { label_es: patch.labelEs } : {}),
      ...(patch.hotkey !== undefined ? { hotkey: patch.hotkey } : {}),
      ...(patch.requiredFields !== undefined ? { required_fields: JSON.stringify(patch.requiredFields) } : {}),
      ...(patch.resolves !== undefined ? { resolves: patch.resolves } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    }).where('code', '=', code).execute();
    return findDisposition(trx, code);
  });
}

export function createPauseCode(db: Database, input: NewPauseCode): Promise<Revised<PauseCode>> {
  return revise(db, async (trx) => {
    const exists = await trx.selectFrom('pause_codes').select('code').where('code', '=', input.code).executeTakeFirst();
    if (exists) throw conflict('code_exists', `A pause code ${input.code} exists (retired ones keep their code)`);
    await trx.insertInto('pause_codes').values({
      code: input.code, label_en: input.labelEn, label_es: input.labelEs, paid: input.paid ?? true, max_minutes: input.maxMinutes ?? null,
      sort_order: input.sortOrder ?? await nextSortOrder(trx, 'pause_codes'),
    }).execute();
    return findPauseCode(trx, input.code);
  });
}

export function updatePauseCode(db: Database, code: string, patch: PauseCodePatch & { active?: boolean }): Promise<Revised<PauseCode>> {
  return revise(db, async (trx) => {
    await findPauseCode(trx, code);
    await trx.updateTable('pause_codes').set({
      ...(patch.labelEn !== undefined ? { label_en: patch.labelEn } : {}),
      ...(patch.labelEs !== undefined ? { label_es: patch.labelEs } : {}),
      ...(patch.paid !== undefined ? { paid: patch.paid } : {}),
      ...(patch.maxMinutes !== undefined ? { max_minutes: patch.maxMinutes } : {}),
      ...(patch.sortOrder !== undefined ? { sort_order: patch.sortOrder } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    }).where('code', '=', code).execute();
    return findPauseCode(trx, code);
  });
}

/** Checks the tree: unique ids, every parent listed earlier (so no cycles), at least one root. */
export function checkTaxonomy(nodes: NewTaxonomy['nodes']): void {
  const seen = new Set<string>();
  nodes.forEach((node, index) => {
    if (seen.has(node.id)) throw badRequest('invalid_taxonomy', `node ${node.id} is listed twice`, { index });
    if (node.parentId !== null && !seen.has(node.parentId)) {
      throw badRequest('invalid_taxonomy', `node ${node.id}: its parent ${node.parentId} must be listed before it`, { index });
    }
    seen.add(node.id);
  });
}

export function publishTaxonomy(db: Database, publisherId: string, input: NewTaxonomy): Promise<Revised<TaxonomyTree>> {
  checkTaxonomy(input.nodes);
  return revise(db, async (trx) => {
    const newest = await trx.selectFrom('taxonomy_versions').select('version').orderBy('version', 'desc').limit(1).executeTakeFirst();
    const version = (newest?.version ?? 0) + 1;
    await trx.insertInto('taxonomy_versions').values({ version, note: input.note, published_by: publisherId }).execute();
    await trx.insertInto('taxonomy_nodes').values(input.nodes.map((node, index) => ({
      version, id: node.id, parent_id: node.parentId, label_en: node.labelEn, label_es: node.labelEs, sla_hours: node.slaHours, sort_order: index,
    }))).execute();
    return taxonomyTree(trx, version);
  });
}
