/** Publishes the starter scripts (version 1) that are not stored yet. Idempotent. */
import { STARTER_SCRIPTS, validateScript } from '@contract';
import type { Database } from '../db/database';
import { publishVersion, referenceCodes } from './store';

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
