/** The starter scripts: published on any fresh installation, and added to demo installations that lack one. */
import { STARTER_SCRIPTS, validateScript } from '@contract';
import { sql } from 'kysely';
import type { Database } from '../db/database';
import { publishVersion, referenceCodes } from './store';

/** Demo installations: publishes (version 1) every starter script not stored yet. Idempotent. */
export async function seedStarterScripts(db: Database): Promise<number> {
  const existing = new Set((await db.kysely.selectFrom('scripts').select('id').distinct().execute()).map((row) => row.id));
  const reference = await referenceCodes(db);
  let added = 0;
  for (const input of STARTER_SCRIPTS) {
    if (existing.has(input.id)) continue;
    const result = validateScript(input, reference);
    if (!result.ok) throw new Error(`starter script ${input.id} is invalid: ${result.issues.map((issue) => issue.message).join('; ')}`);
    await publishVersion(db, result.script, null);
    added++;
  }
  return added;
}

// Any number shared by every Centralita process: "starter scripts being installed".
const INSTALL_LOCK_KEY = 7_466_210_302;

/**
 * A fresh installation (demo or not) starts with the starter scripts: when the database holds no
 * script at all, version 1 of each is published. Once any script exists nothing is added, so an
 * organisation that removed or replaced them keeps its choice. Several server processes starting
 * together install them once (a transaction-level advisory lock).
 */
export async function installStarterScripts(db: Database): Promise<number> {
  const reference = await referenceCodes(db);
  const scripts = STARTER_SCRIPTS.map((input) => {
    const result = validateScript(input, reference);
    if (!result.ok) throw new Error(`starter script ${input.id} is invalid: ${result.issues.map((issue) => issue.message).join('; ')}`);
    return result.script;
  });
  return db.transaction(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${INSTALL_LOCK_KEY})`.execute(trx);
    if (await trx.selectFrom('scripts').select('id').limit(1).executeTakeFirst()) return 0;
    const now = new Date();
    await trx.insertInto('scripts').values(scripts.map((script) => ({
      id: script.id, version: 1, name: script.name.en, definition: JSON.stringify(script), created_by: null, published_at: now,
    }))).execute();
    return scripts.length;
  });
}
