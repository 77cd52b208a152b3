/**
 * Stored script versions. Versions are immutable: publishing inserts version max+1, so a call
 * that started on an older version can always read it back.
 */
import { type ScriptDefinition, type ScriptVersion, scriptDefinitionSchema } from '@contract';
import type { AuthUser } from '../auth/guard';
import type { Database } from '../db/database';
import { assertDraftUnchanged } from './drafts';
import { authorizeScriptChange } from './ownership';
import type { Selectable } from 'kysely';
import type { ScriptsTable } from '../db/schema';

type Row = Selectable<ScriptsTable>;

function toVersion(row: Row): ScriptVersion | null {
  const parsed = scriptDefinitionSchema.safeParse(row.definition);
  if (!parsed.success) return null; // a row written by a newer, incompatible format: not served
  return {
    id: row.id, version: row.version, name: row.name, definition: parsed.data, createdBy: row.created_by,
    createdAt: row.created_at.toISOString(), publishedAt: row.published_at?.toISOString() ?? null,
  };
}

/** The newest published version of every script. */
export async function latestVersions(db: Database): Promise<ScriptVersion[]> {
  const rows = await db.kysely.selectFrom('scripts as s').selectAll('s')
    .where('s.published_at', 'is not', null)
    .where(({ eb, selectFrom }) => eb('s.version', '=', selectFrom('scripts as o').select(({ fn }) => fn.max('o.version').as('v'))
      .whereRef('o.id', '=', 's.id').where('o.published_at', 'is not', null)))
    .orderBy('s.id').execute();
  return rows.map(toVersion).filter((version): version is ScriptVersion => version !== null);
}

export interface VersionSummary { version: number; name: string; createdBy: string | null; createdByName: string | null; createdAt: string; publishedAt: string | null }

export async function listVersions(db: Database, id: string): Promise<VersionSummary[]> {
  const rows = await db.kysely.selectFrom('scripts as s').leftJoin('users as u', 'u.id', 's.created_by')
    .select(['s.version', 's.name', 's.created_by', 's.created_at', 's.published_at', 'u.display_name'])
    .where('s.id', '=', id).orderBy('s.version', 'desc').execute();
  return rows.map((row) => ({
    version: row.version, name: row.name, createdBy: row.created_by, createdByName: row.display_name ?? null,
    createdAt: row.created_at.toISOString(), publishedAt: row.published_at?.toISOString() ?? null,
  }));
}

export async function readVersion(db: Database, id: string, version: number): Promise<ScriptVersion | null> {
  const row = await db.kysely.selectFrom('scripts').selectAll().where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return row ? toVersion(row) : null;
}

const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === '23505';

/**
 * Inserts the definition as the script's next version, published now, and removes its draft.
 * `author` null = the system (starter scripts); otherwise the author must own the script
 * (ownership.ts; 403 otherwise). With `draftRevision` (the studio's), a draft saved by someone
 * else meanwhile is not thrown away: 409 instead. Retries if another publish wins the race.
 */
export async function publishVersion(db: Database, definition: ScriptDefinition, author: AuthUser | null, draftRevision?: number | null): Promise<ScriptVersion> {
  const userId = author?.id ?? null;
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (trx) => {
        if (author) await authorizeScriptChange(trx, author, definition.id);
        if (author && draftRevision !== undefined) await assertDraftUnchanged(trx, author, definition.id, draftRevision);
        await trx.deleteFrom('script_drafts').where('script_id', '=', definition.id).execute();
        const current = await trx.selectFrom('scripts').select(({ fn }) => fn.max('version').as('v')).where('id', '=', definition.id).executeTakeFirst();
        const version = (current?.v ?? 0) + 1;
        const row = await trx.insertInto('scripts').values({
          id: definition.id, version, name: definition.name.en, definition: JSON.stringify(definition), created_by: userId, published_at: new Date(),
        }).returningAll().executeTakeFirstOrThrow();
        return toVersion(row)!;
      });
    } catch (error) {
      if (attempt < 3 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

/** The reference lists a script is checked against before publishing. */
export async function referenceCodes(db: Database): Promise<{ dispositions: string[]; complaintTypes: string[] }> {
  const [dispositions, types] = await Promise.all([
    db.kysely.selectFrom('dispositions').select('code').where('active', '=', true).execute(),
    db.kysely.selectFrom('taxonomy_nodes').select('id').distinct().execute(),
  ]);
  return { dispositions: dispositions.map((d) => d.code), complaintTypes: types.map((t) => t.id) };
}
