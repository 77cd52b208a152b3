// `npm start`: installs what is missing, builds, then starts the embedded backend with demo
// data, the local test PBX when Kamailio is installed, and the Electron app — or, where no
// Electron binary exists, serves the browser edition and prints its address.
import { join } from 'node:path';
import { ensureDebianPackages, ensureNodeDeps, log, root, run } from './lib.mjs';

await ensureNodeDeps();
// The demo PBX is optional: install it when we can, say how to get it when we cannot.
await ensureDebianPackages(['kamailio', 'kamailio-websocket-modules', 'openssl']);
const built = await run(join(root, 'node_modules', '.bin', 'electron-vite'), ['build']);
if (built !== 0) {
  log('build failed');
  process.exit(built);
}
process.exit(await run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'start-app.ts'), ...process.argv.slice(2)]));
