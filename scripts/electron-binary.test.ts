import { spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary, projectRoot } from './electron-binary.mjs';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'centralita-electron-bin-'));
  await mkdir(join(root, 'node_modules', 'electron'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function makeBinary(dir: string, name = 'electron'): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, name);
  await writeFile(path, '#!/bin/sh\nexit 0\n');
  await chmod(path, 0o755);
  return path;
}

describe('findElectronBinary', () => {
  it('explains the skip when neither the dist folder nor the override exists', () => {
    expect(findElectronBinary({ root, env: {} })).toEqual({
      path: null,
      reason: 'no Electron binary (node_modules/electron/dist missing and ELECTRON_OVERRIDE_DIST_PATH unset)',
    });
  });

  it('finds node_modules/electron/dist, honouring path.txt', async () => {
    await writeFile(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    const binary = await makeBinary(join(root, 'node_modules', 'electron', 'dist'));
    expect(findElectronBinary({ root, env: {} })).toEqual({ path: binary, reason: null });
  });

  it('prefers ELECTRON_OVERRIDE_DIST_PATH', async () => {
    await makeBinary(join(root, 'node_modules', 'electron', 'dist'));
    const override = join(root, 'custom-dist');
    const binary = await makeBinary(override);
    expect(findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override } })).toEqual({ path: binary, reason: null });
  });

  it('says which override is empty instead of silently falling back', () => {
    const override = join(root, 'empty');
    const result = findElectronBinary({ root, env: { ELECTRON_OVERRIDE_DIST_PATH: override } });
    expect(result.path).toBeNull();
    expect(result.reason).toContain(override);
  });
});

describe('scripts/launch-electron.mjs', { timeout: 30_000 }, () => {
  it('exits with code 3 and one line when no binary is available', () => {
    const result = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'launch-electron.mjs')], {
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: join(root, 'nothing-here') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(3);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toContain('Electron not launched: no Electron binary');
  });
});
