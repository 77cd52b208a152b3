/**
 * The project's test PBX: Kamailio 5.6 from e2e/pbx/kamailio.cfg on 127.0.0.1, WS and WSS on
 * free ports, a self-signed certificate, digest passwords per extension, in-memory location.
 * Used by the e2e suites, the benchmarks and `npm start` (demo PBX).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../server/test/free-port';
export { freePort };

export interface PbxOptions {
  /** Extension → password. Extensions are digits; passwords are [A-Za-z0-9._-]. */
  extensions: Record<string, string>;
  /** SIP domain the phones register under (default `centralita.test`). */
  domain?: string;
  /** Kamailio binary (default: `kamailio` from PATH or /usr/sbin). */
  kamailioBin?: string;
  /** Echo Kamailio's log to this process's stderr. */
  verbose?: boolean;
  /**
   * Call queues: a call to the queue's number is delivered to `agent` with `X-Queue: <name>` and
   * `X-Queued-At: <Unix seconds>` headers, as a contact-center PBX's queue would.
   */
  queues?: Record<string, PbxQueue>;
  /** More IPv4 addresses to listen on (WS and WSS, same ports), e.g. a veth end for a network-cut test. */
  extraAddresses?: string[];
}

export interface PbxQueue {
  /** Queue name: letters, digits, "_" "-". */
  name: string;
  /** The extension that takes the queue's calls. */
  agent: string;
}

export interface Pbx {
  wsUrl: string;
  wssUrl: string;
  domain: string;
  /** base64 SHA-256 of the certificate's public key, for Chromium's --ignore-certificate-errors-spki-list. */
  certSpkiHash: string;
  /** PEM of the self-signed certificate (for clients that pin it). */
  certPem: string;
  /** Stops Kamailio; the PBX can be started again with restart(). */
  halt(): Promise<void>;
  /** Stops Kamailio and removes the temp dir. */
  stop(): Promise<void>;
  /** Stops (if running) and starts again on the same ports: registrations are lost. */
  restart(): Promise<void>;
  readonly running: boolean;
}

export const DEMO_PASSWORD = 'centralita';
/** Agents 1001–1005 and the customer phone 2001–2003, all with the demo password. */
export const DEMO_EXTENSIONS: Readonly<Record<string, string>> = Object.fromEntries(
  ['1001', '1002', '1003', '1004', '1005', '2001', '2002', '2003'].map((ext) => [ext, DEMO_PASSWORD]),
);

const SETPRIV = existsSync('/usr/bin/setpriv') ? '/usr/bin/setpriv' : null;
const TEMPLATE = fileURLToPath(new URL('../pbx/kamailio.cfg', import.meta.url));
const MODULES_DIR = '/usr/lib/x86_64-linux-gnu/kamailio/modules';

export function findKamailio(): string | null {
  for (const candidate of ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio']) {
    if (existsSync(candidate)) return candidate;
  }
  try {
    return execFileSync('sh', ['-c', 'command -v kamailio'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}


function validate(extensions: Record<string, string>, domain: string): void {
  const entries = Object.entries(extensions);
  if (entries.length === 0) throw new Error('startPbx: at least one extension is required');
  for (const [extension, password] of entries) {
    if (!/^[0-9]{2,15}$/.test(extension)) throw new Error(`startPbx: extension "${extension}" must be 2–15 digits`);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(password)) {
      throw new Error(`startPbx: the password of ${extension} may only hold letters, digits, "." "_" "-"`);
    }
  }
  if (!/^[a-z0-9.-]{1,253}$/i.test(domain)) throw new Error(`startPbx: invalid domain "${domain}"`);
}

function validateQueues(queues: Record<string, PbxQueue>, extensions: Record<string, string>): void {
  for (const [number, queue] of Object.entries(queues)) {
    if (!/^[0-9]{2,15}$/.test(number) || number in extensions) throw new Error(`startPbx: queue number "${number}" must be 2–15 digits and not an extension`);
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(queue.name)) throw new Error(`startPbx: queue name "${queue.name}" may only hold letters, digits, "_" "-"`);
    if (!(queue.agent in extensions)) throw new Error(`startPbx: queue ${number} goes to unknown extension ${queue.agent}`);
  }
}

/** Renders e2e/pbx/kamailio.cfg for this run. Pure: unit-testable. */
export function renderKamailioConfig(template: string, params: {
  wsPort: number; wssPort: number; tlsConfigPath: string; extensions: Record<string, string>; queues?: Record<string, PbxQueue>; extraAddresses?: string[];
}): string {
  const addresses = ['127.0.0.1', ...(params.extraAddresses ?? []).filter((address) => /^\d{1,3}(\.\d{1,3}){3}$/.test(address))];
  const globals = [
    ...addresses.flatMap((address) => [`listen=tcp:${address}:${params.wsPort}`, `listen=tls:${address}:${params.wssPort}`]),
    `#!define TLS_CONFIG "${params.tlsConfigPath}"`,
  ].join('\n');
  const passwords = Object.entries(params.extensions)
    .map(([extension, password]) => `\t$sht(passwords=>${extension}) = "${password}";`)
    .join('\n');
  // $TV(Sn): "seconds.microseconds" now, the moment the caller entered the queue.
  const queues = Object.entries(params.queues ?? {})
    .map(([number, queue]) => [
      `\tif ($rU == "${number}") {`,
      `\t\t$rU = "${queue.agent}";`,
      `\t\tappend_hf("X-Queue: ${queue.name}\\r\\n");`,
      `\t\tappend_hf("X-Queued-At: $TV(Sn)\\r\\n");`,
      '\t}',
    ].join('\n'))
    .join('\n');
  return template.replace('@@GLOBALS@@', globals).replace('@@PASSWORDS@@', passwords).replace('@@QUEUES@@', queues);
}

function generateCertificate(dir: string): { certPath: string; keyPath: string; certPem: string; spkiHash: string } {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  chmodSync(keyPath, 0o600);
  const certPem = readFileSync(certPath, 'utf8');
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return { certPath, keyPath, certPem, spkiHash: createHash('sha256').update(spki).digest('base64') };
}

function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = (): void => {
      if (child.exitCode !== null) {
        reject(new Error(`kamailio exited with code ${child.exitCode} before listening`));
        return;
      }
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`kamailio did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startPbx(options: PbxOptions): Promise<Pbx> {
  const domain = options.domain ?? 'centralita.test';
  validate(options.extensions, domain);
  validateQueues(options.queues ?? {}, options.extensions);
  const kamailio = options.kamailioBin ?? findKamailio();
  if (!kamailio) throw new Error('startPbx: kamailio is not installed (apt-get install kamailio kamailio-websocket-modules kamailio-tls-modules)');

  const dir = mkdtempSync(join(tmpdir(), 'centralita-pbx-'));
  try {
    const cert = generateCertificate(dir);
    const tlsConfigPath = join(dir, 'tls.cfg');
    writeFileSync(tlsConfigPath, [
      '[server:default]', 'method = TLSv1.2+', 'verify_certificate = no', 'require_certificate = no',
      `private_key = ${cert.keyPath}`, `certificate = ${cert.certPath}`, '',
      '[client:default]', 'verify_certificate = no', 'require_certificate = no', '',
    ].join('\n'));
    const wsPort = await freePort();
    let wssPort = await freePort();
    while (wssPort === wsPort) wssPort = await freePort();
    const cfgPath = join(dir, 'kamailio.cfg');
    writeFileSync(cfgPath, renderKamailioConfig(readFileSync(TEMPLATE, 'utf8'), {
      wsPort, wssPort, tlsConfigPath, extensions: options.extensions, queues: options.queues, extraAddresses: options.extraAddresses,
    }));

    let child: ChildProcess | null = null;
    let log = '';
    const launch = async (): Promise<void> => {
      log = '';
      const args = ['-DD', '-E', '-f', cfgPath, '-L', MODULES_DIR, '-Y', dir, '-P', join(dir, 'kamailio.pid'), '-m', '64', '-M', '8'];
      // setpriv makes Kamailio get SIGTERM if this process dies without stopping it (a killed test worker).
      const started = SETPRIV
        ? spawn(SETPRIV, ['--pdeathsig', 'TERM', kamailio, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(kamailio, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      child = started;
      const collect = (chunk: Buffer): void => {
        if (options.verbose) process.stderr.write(chunk);
        if (log.length < 200_000) log += chunk.toString();
      };
      started.stdout?.on('data', collect);
      started.stderr?.on('data', collect);
      try {
        await waitForPort(wsPort, started, 10_000);
        await waitForPort(wssPort, started, 10_000);
      } catch (error) {
        await stopChild(started);
        throw new Error(`${(error as Error).message}\n--- kamailio log ---\n${log.slice(-4000)}`);
      }
    };
    const halt = async (): Promise<void> => {
      if (child) await stopChild(child);
      child = null;
    };
    await launch();

    const pbx: Pbx = {
      wsUrl: `ws://127.0.0.1:${wsPort}`,
      wssUrl: `wss://127.0.0.1:${wssPort}`,
      domain,
      certSpkiHash: cert.spkiHash,
      certPem: cert.certPem,
      halt,
      async stop() {
        await halt();
        rmSync(dir, { recursive: true, force: true });
      },
      async restart() {
        await halt();
        await launch();
      },
      get running() {
        const current = child as ChildProcess | null;
        return current !== null && current.exitCode === null;
      },
    };
    return pbx;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The demo PBX for `npm start`: agents 1001–1005 and customer phones 2001–2003, password `centralita`. */
export function startDemoPbx(verbose = false): Promise<Pbx> {
  return startPbx({ extensions: { ...DEMO_EXTENSIONS }, verbose });
}
