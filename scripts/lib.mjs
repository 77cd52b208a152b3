// Helpers for the project's own commands. Node built-ins only: these run before the npm dependencies are installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export function log(message) {
  process.stdout.write(`[centralita] ${message}\n`);
}

/** Runs a command with inherited output; resolves to its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    child.on('error', (error) => {
      log(`${command}: ${error.message}`);
      resolve(127);
    });
  });
}

export function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Installs npm dependencies when node_modules is missing or older than the lock file. */
export async function ensureNodeDeps() {
  const lock = join(root, 'package-lock.json');
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  log('installing npm dependencies…');
  // `npm install`, not `npm ci`: npm 11 writes locks without other platforms' optional
  // packages (rollup's, esbuild's) and then `npm ci` refuses its own lock. The lock still pins versions.
  const code = await run('npm', ['install', '--no-audit', '--no-fund'], {
    // Electron's binary and Playwright's browsers cannot be downloaded here; we never need them.
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' },
  });
  if (code !== 0) throw new Error(`npm install failed with exit code ${code}`);
}

function debianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

/** Installs missing Debian packages when running as root; otherwise lists what is missing. */
export async function ensureDebianPackages(names) {
  if (!commandExists('dpkg-query')) return names;
  const missing = names.filter((name) => !debianPackageInstalled(name));
  if (missing.length === 0) return [];
  if (!isRoot || !commandExists('apt-get')) {
    log(`missing Debian packages (install them as root): ${missing.join(' ')}`);
    return missing;
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-qq'], { env });
  const code = await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
  if (code !== 0) throw new Error(`apt-get install failed with exit code ${code}`);
  return missing.filter((name) => !debianPackageInstalled(name));
}
