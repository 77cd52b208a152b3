/**
 * `tsx e2e/pbx/start-demo.ts`: runs the demo PBX (agents 1001–1005, customer phones 2001–2003,
 * password `centralita`) until SIGINT/SIGTERM. Prints one JSON line with
 * { wsUrl, wssUrl, domain, certSpkiHash } on stdout once it listens, for `npm start` to read.
 */
import { findKamailio, startDemoPbx } from '../support/pbx';

if (!findKamailio()) {
  process.stderr.write('Kamailio is not installed: apt-get install kamailio kamailio-websocket-modules kamailio-tls-modules\n');
  process.exit(2);
}

const pbx = await startDemoPbx(process.argv.includes('--verbose'));
process.stdout.write(`${JSON.stringify({ wsUrl: pbx.wsUrl, wssUrl: pbx.wssUrl, domain: pbx.domain, certSpkiHash: pbx.certSpkiHash })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void pbx.stop().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
