/** The token-signing secret: AUTH_SECRET, else generated once and kept in the data directory. */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function loadAuthSecret(envSecret: string | undefined, dataDir: string): Buffer {
  if (envSecret) {
    if (envSecret.length < 32) throw new Error('AUTH_SECRET must be at least 32 characters');
    return Buffer.from(envSecret, 'utf8');
  }
  const file = join(dataDir, 'auth-secret');
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48);
  // 'wx' fails if another process created it first; then use theirs.
  try {
    writeFileSync(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return secret;
  } catch {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  }
}
