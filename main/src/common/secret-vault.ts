/**
 * Secrets (refresh tokens, SIP passwords) encrypted with the OS keychain via Electron's
 * safeStorage and kept in one JSON file in userData. When encryption is unavailable nothing
 * touches the disk: secrets live in memory for the session and the kind says `memory`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStorageKind } from '@contract';

/** The part of Electron's safeStorage the vault needs. */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface StorageKindInput {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux. */
  linuxBackend: string | null;
}

/** `basic_text` means a hard-coded key on Linux without a keyring: the UI must warn. */
export function storageKindFor({ platform, encryptionAvailable, linuxBackend }: StorageKindInput): SecretStorageKind {
  if (!encryptionAvailable) return 'memory';
  if (platform === 'linux' && (linuxBackend === 'basic_text' || linuxBackend === 'unknown' || linuxBackend === null)) return 'basic_text';
  return 'os';
}

interface VaultFile {
  version: 1;
  entries: Record<string, string>;
}

export class SecretVault {
  private entries: Record<string, string> | null = null;
  private readonly memory = new Map<string, string>();
  private queue: Promise<unknown> = Promise.resolve();
  readonly warnings: string[] = [];

  constructor(
    private readonly filePath: string,
    private readonly cipher: SecretCipher,
    private readonly kindOf: () => SecretStorageKind,
  ) {}

  kind(): SecretStorageKind {
    return this.kindOf();
  }

  get(key: string): Promise<string | null> {
    return this.serialized(async () => {
      if (this.kind() === 'memory') return this.memory.get(key) ?? null;
      const stored = (await this.load())[key];
      if (stored === undefined) return null;
      try {
        return this.cipher.decryptString(Buffer.from(stored, 'base64'));
      } catch (error) {
        // Kept on disk: the keychain may come back (another session, unlocked wallet).
        this.warnings.push(`secret ${key} could not be decrypted: ${(error as Error).message}`);
        return null;
      }
    });
  }

  set(key: string, value: string): Promise<void> {
    return this.serialized(async () => {
      if (this.kind() === 'memory') {
        this.memory.set(key, value);
        return;
      }
      const entries = { ...(await this.load()), [key]: this.cipher.encryptString(value).toString('base64') };
      await this.save(entries);
    });
  }

  delete(key: string): Promise<void> {
    return this.serialized(async () => {
      this.memory.delete(key);
      if (this.kind() === 'memory') return;
      const current = await this.load();
      if (!(key in current)) return;
      const { [key]: _removed, ...rest } = current;
      await this.save(rest);
    });
  }

  /** One operation at a time, so concurrent sets never lose each other's writes. */
  private serialized<T>(operation: () => Promise<T>): Promise<T> {
    const next = this.queue.then(operation, operation);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<Record<string, string>> {
    if (this.entries) return this.entries;
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.entries = {};
      return this.entries;
    }
    const parsed = parseVaultFile(text);
    if (parsed === null) {
      // Never overwrite what we cannot read: move it aside and start afresh.
      const aside = `${this.filePath}.unreadable-${Date.now()}`;
      await rename(this.filePath, aside);
      this.warnings.push(`secret file was unreadable; moved to ${aside}`);
      this.entries = {};
    } else {
      this.entries = parsed.entries;
    }
    return this.entries;
  }

  private async save(entries: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.filePath), { recursive: true });
    const body: VaultFile = { version: 1, entries };
    const temporary = `${this.filePath}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, `${JSON.stringify(body)}\n`, { mode: 0o600 });
    await rename(temporary, this.filePath);
    this.entries = entries;
  }
}

export function parseVaultFile(text: string): VaultFile | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof json !== 'object' || json === null) return null;
  const { version, entries } = json as Partial<VaultFile>;
  if (version !== 1 || typeof entries !== 'object' || entries === null) return null;
  if (!Object.values(entries).every((value) => typeof value === 'string')) return null;
  return { version: 1, entries: { ...entries } };
}
