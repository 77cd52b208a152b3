import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretStorageKind } from '@contract';
import { SecretVault, storageKindFor, type SecretCipher } from './secret-vault';

/** Stands in for Electron's safeStorage (which needs the Electron binary): real AES-GCM. */
function aesCipher(available = true): SecretCipher {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    encryptString(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'centralita-vault-'));
  file = join(dir, 'nested', 'secrets.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const os = (): SecretStorageKind => 'os';

describe('SecretVault with encryption available', { timeout: 20_000 }, () => {
  it('stores, reads back, overwrites and deletes, and never writes plaintext', async () => {
    const cipher = aesCipher();
    const vault = new SecretVault(file, cipher, os);
    expect(await vault.get('sip.password')).toBeNull();
    await vault.set('sip.password', 'hunter2-secret');
    await vault.set('refresh.token', 'rt-123');
    expect(await vault.get('sip.password')).toBe('hunter2-secret');

    const onDisk = await readFile(file, 'utf8');
    expect(onDisk).not.toContain('hunter2-secret');
    expect(JSON.parse(onDisk)).toMatchObject({ version: 1 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // A new vault over the same file (next app start) reads the same secrets.
    const reopened = new SecretVault(file, cipher, os);
    expect(await reopened.get('refresh.token')).toBe('rt-123');
    await reopened.set('refresh.token', 'rt-456');
    await reopened.delete('sip.password');
    expect(await reopened.get('refresh.token')).toBe('rt-456');
    expect(await reopened.get('sip.password')).toBeNull();
    await reopened.delete('never.stored');
  });

  it('keeps every write when sets race each other', async () => {
    const vault = new SecretVault(file, aesCipher(), os);
    await Promise.all(Array.from({ length: 20 }, (_, i) => vault.set(`key.${i}`, `value-${i}`)));
    const fresh = new SecretVault(file, aesCipher(), os);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')).entries)).toHaveLength(20);
    // A different key cannot decrypt: reported, kept on disk, not thrown.
    expect(await fresh.get('key.3')).toBeNull();
    expect(fresh.warnings[0]).toContain('key.3');
    expect(await vault.get('key.3')).toBe('value-3');
  });

  it('moves an unreadable file aside instead of overwriting it', async () => {
    await new SecretVault(file, aesCipher(), os).set('seed', 'x');
    await writeFile(file, '{not json');
    const vault = new SecretVault(file, aesCipher(), os);
    expect(await vault.get('seed')).toBeNull();
    await vault.set('after', 'y');
    const names = await readdir(join(dir, 'nested'));
    const aside = names.find((name) => name.startsWith('secrets.json.unreadable-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, 'nested', aside ?? ''), 'utf8')).toBe('{not json');
    expect(vault.warnings[0]).toContain('moved to');
  });
});

describe('SecretVault without encryption', () => {
  it('keeps secrets in memory only and never creates the file', async () => {
    const vault = new SecretVault(file, aesCipher(false), () => 'memory');
    await vault.set('sip.password', 'p');
    expect(await vault.get('sip.password')).toBe('p');
    await vault.delete('sip.password');
    expect(await vault.get('sip.password')).toBeNull();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('storageKindFor', () => {
  it.each([
    [{ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret' }, 'os'],
    [{ platform: 'linux', encryptionAvailable: true, linuxBackend: 'kwallet6' }, 'os'],
    [{ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text' }, 'basic_text'],
    [{ platform: 'linux', encryptionAvailable: true, linuxBackend: 'unknown' }, 'basic_text'],
    [{ platform: 'darwin', encryptionAvailable: true, linuxBackend: null }, 'os'],
    [{ platform: 'win32', encryptionAvailable: true, linuxBackend: null }, 'os'],
    [{ platform: 'win32', encryptionAvailable: false, linuxBackend: null }, 'memory'],
    [{ platform: 'linux', encryptionAvailable: false, linuxBackend: 'basic_text' }, 'memory'],
  ] as const)('%j → %s', (input, kind) => {
    expect(storageKindFor(input)).toBe(kind);
  });
});
