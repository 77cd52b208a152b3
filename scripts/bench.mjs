// `npm run bench`: builds, then runs every benchmark suite in bench/*/run.ts. Each suite prints
// its figures beside a baseline measured in the same run and writes JSON to bench/results/.
// As root the suites run in a loopback-only network namespace, like the tests.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists, ensureDebianPackages, ensureNodeDeps, isRoot, log, root, run } from './lib.mjs';
import { TEST_PACKAGES } from './test-packages.mjs';

const only = process.argv.slice(2);
const suites = readdirSync(join(root, 'bench'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(root, 'bench', entry.name, 'run.ts')))
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

async function runSuites() {
  const failed = [];
  for (const suite of suites) {
    log(`── bench/${suite}`);
    const code = await run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', suite, 'run.ts')]);
    if (code !== 0) failed.push(suite);
  }
  log(failed.length ? `benchmarks failed: ${failed.join(', ')}` : `benchmarks done: ${suites.join(', ')} (JSON in bench/results/)`);
  return failed.length ? 1 : 0;
}

if (process.env.CENTRALITA_NETNS === '1') {
  await run('ip', ['link', 'set', 'lo', 'up']);
  process.exit(await runSuites());
}
await ensureNodeDeps();
await ensureDebianPackages(TEST_PACKAGES);
// CENTRALITA_TEST_PAGES adds the test-only pages (sync-lab.html) the client benchmarks drive.
const built = await run(join(root, 'node_modules', '.bin', 'electron-vite'), ['build'], { env: { ...process.env, CENTRALITA_TEST_PAGES: '1' } });
if (built !== 0) process.exit(built);
if (isRoot && commandExists('unshare') && !process.env.CENTRALITA_NO_NETNS) {
  process.exit(await run('unshare', ['--net', '--', process.execPath, ...process.argv.slice(1)], {
    env: { ...process.env, CENTRALITA_NETNS: '1' },
  }));
}
process.exit(await runSuites());
