import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { projectRoot } from './electron-binary.mjs';

const config = parse(readFileSync(join(projectRoot, 'electron-builder.yml'), 'utf8')) as Configuration;

describe('electron-builder.yml', { timeout: 60_000 }, () => {
  it("matches electron-builder's own schema", async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('and the schema check really rejects a bad key', async () => {
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNode: false, notAFuse: true } as Configuration['electronFuses'] }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('builds the right targets under the right identity', () => {
    expect(config).toMatchObject({ appId: 'com.centralita.desktop', productName: 'Centralita', linux: { target: ['AppImage', 'deb'] }, win: { target: ['nsis'] }, mac: { target: ['dmg'] } });
    expect(config.files).toContain('out/**');
  });

  it('registers tel, sip and callto', () => {
    const protocols = [config.protocols ?? []].flat();
    expect(protocols.flatMap((protocol) => protocol.schemes).sort()).toEqual(['callto', 'sip', 'tel']);
  });

  it('flips the hardening fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('asks for the microphone on macOS with the audio-input entitlement', () => {
    expect(config.mac?.extendInfo).toMatchObject({ NSMicrophoneUsageDescription: expect.stringMatching(/microphone/i) });
    const entitlements = readFileSync(join(projectRoot, config.mac?.entitlements ?? 'missing'), 'utf8');
    expect(entitlements).toMatch(/<key>com\.apple\.security\.device\.audio-input<\/key>\s*<true\/>/);
  });

  it('publishes nowhere by default (auto-update is opt-in)', () => {
    expect(config.publish).toBeNull();
  });
});
