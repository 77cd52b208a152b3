/**
 * The app with everything it needs, for `npm start` (after scripts/start.mjs has installed and
 * built): the backend in this process on its embedded PGlite with demo data, the demo PBX when
 * Kamailio is installed, then the Electron app — or, without an Electron binary, the browser
 * edition at a printed address. Ctrl+C stops everything.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findKamailio, startDemoPbx, type Pbx } from '../e2e/support/pbx';
import { loadConfig } from '../server/src/config';
import { startServer } from '../server/src/server';

const root = fileURLToPath(new URL('..', import.meta.url));
const NO_ELECTRON_EXIT_CODE = 3;
const say = (line: string): void => void process.stdout.write(`[centralita] ${line}\n`);

/** The preferred port when it is free, otherwise any free one. */
function availablePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => {
      const fallback = createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const address = fallback.address();
        fallback.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    probe.listen(preferred, '127.0.0.1', () => probe.close(() => resolve(preferred)));
  });
}

async function startPbxIfInstalled(): Promise<Pbx | null> {
  if (!findKamailio()) {
    say('No local PBX: Kamailio is not installed. As root: apt-get install kamailio kamailio-websocket-modules — the app runs without a phone until then.');
    return null;
  }
  try {
    const pbx = await startDemoPbx();
    say(`Demo PBX (Kamailio) on ${pbx.wsUrl}, domain ${pbx.domain}: agents 1001–1005, customer phones 2001–2003, SIP password "centralita".`);
    return pbx;
  } catch (error) {
    say(`The demo PBX did not start, continuing without a phone: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

const pbx = await startPbxIfInstalled();
const port = await availablePort(Number(process.env.PORT ?? 8787));
const config = loadConfig({
  ...process.env,
  PORT: String(port),
  DATA_DIR: process.env.DATA_DIR ?? join(root, '.centralita-data'),
  CENTRALITA_DEMO: '1',
  WEB_ROOT: join(root, 'out', 'renderer'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  ...(pbx ? { SIP_WSS_URL: pbx.wsUrl, SIP_DOMAIN: pbx.domain } : {}),
});
const server = await startServer(config);
say(`Backend on ${server.url} (PGlite in ${config.dataDir}, demo data; accounts agent1, agent2, agent3, lead1, admin — password "centralita", demo only).`);

let stopping = false;
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await server.close().catch(() => undefined);
    await pbx?.stop().catch(() => undefined);
  }
  process.exit(code);
}
process.once('SIGINT', () => void stopAll(0));
process.once('SIGTERM', () => void stopAll(0));

const electron = spawn(process.execPath, [join(root, 'scripts', 'launch-electron.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    CENTRALITA_BACKEND_URL: server.url,
    ...(pbx ? { CENTRALITA_SIP_WSS_URL: pbx.wsUrl, CENTRALITA_SIP_DOMAIN: pbx.domain } : {}),
  },
});
electron.on('exit', (code) => {
  if (code === NO_ELECTRON_EXIT_CODE) {
    say(`Browser edition: open ${server.url}/ in Chromium (customer phone simulator: ${server.url}/caller.html). Ctrl+C stops.`);
    return;
  }
  void stopAll(code ?? 0);
});
