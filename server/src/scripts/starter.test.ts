import { expect, it } from 'vitest';
import { STARTER_SCRIPTS } from '@contract';
import { bootstrap } from '../bootstrap';
import { describeEachEngine } from '../../test/engines';
import { installStarterScripts } from './seed';

describeEachEngine('starter scripts on a fresh installation', (engine) => {
  const stored = async () => (await engine.db().kysely.selectFrom('scripts').select(['id', 'version']).orderBy('id').execute())
    .map((row) => `${row.id}@${row.version}`);

  it('a non-demo start on an empty database publishes version 1 of each; starting again adds nothing', async () => {
    await bootstrap(engine.db(), { production: true, demo: false });
    expect(await stored()).toEqual(STARTER_SCRIPTS.map((script) => `${script.id}@1`).sort());
    await bootstrap(engine.db(), { production: true, demo: false });
    expect(await stored()).toHaveLength(STARTER_SCRIPTS.length);
  });

  it('installs nothing once any script exists (an organisation that removed them keeps its choice)', async () => {
    await engine.db().kysely.deleteFrom('scripts').where('id', '<>', STARTER_SCRIPTS[0]!.id).execute();
    expect(await installStarterScripts(engine.db())).toBe(0);
    expect(await stored()).toEqual([`${STARTER_SCRIPTS[0]!.id}@1`]);
  });

  it('several processes starting together install them once', async () => {
    await engine.db().kysely.deleteFrom('scripts').execute();
    // PostgreSQL: a second pool, as a second server process would have (PGlite has one connection).
    const other = engine.engine === 'postgres' ? await engine.openAnother() : engine.db();
    const installed = await Promise.all([installStarterScripts(engine.db()), installStarterScripts(other), installStarterScripts(engine.db())]);
    expect(installed.sort()).toEqual([0, 0, STARTER_SCRIPTS.length]);
    expect(await stored()).toHaveLength(STARTER_SCRIPTS.length);
  });
});
