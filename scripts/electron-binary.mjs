// Finds an Electron binary the way the `electron` package does, without throwing:
// ELECTRON_OVERRIDE_DIST_PATH first, then node_modules/electron/dist. Node built-ins only.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const PLATFORM_BINARY = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/** The binary's path relative to a dist folder: path.txt when the package wrote one. */
function relativeBinaryPath(electronPackageDir) {
  const pathFile = join(electronPackageDir, 'path.txt');
  if (existsSync(pathFile)) return readFileSync(pathFile, 'utf8').trim();
  return PLATFORM_BINARY[process.platform] ?? 'electron';
}

/**
 * @param {{ root?: string, env?: NodeJS.ProcessEnv }} [options]
 * @returns {{ path: string, reason: null } | { path: null, reason: string }}
 */
export function findElectronBinary({ root = projectRoot, env = process.env } = {}) {
  const packageDir = join(root, 'node_modules', 'electron');
  const relative = relativeBinaryPath(packageDir);
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const candidate = join(override, relative);
    if (existsSync(candidate)) return { path: candidate, reason: null };
    return { path: null, reason: `no Electron binary (ELECTRON_OVERRIDE_DIST_PATH=${override} has no ${relative})` };
  }
  const bundled = join(packageDir, 'dist', relative);
  if (existsSync(bundled)) return { path: bundled, reason: null };
  return { path: null, reason: 'no Electron binary (node_modules/electron/dist missing and ELECTRON_OVERRIDE_DIST_PATH unset)' };
}

/** Chromium refuses to start as root with its sandbox on; the renderer sandbox flag still applies. */
export function electronSwitches() {
  return typeof process.getuid === 'function' && process.getuid() === 0 ? ['--no-sandbox'] : [];
}

export { projectRoot };
