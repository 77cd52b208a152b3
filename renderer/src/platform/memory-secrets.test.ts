import { describe, expect, it } from 'vitest';
import { createMemorySecrets } from './memory-secrets';

describe('createMemorySecrets', () => {
  it('reports memory storage and stores, reads and deletes secrets', async () => {
    const secrets = createMemorySecrets();
    expect(await secrets.storageKind()).toBe('memory');
    expect(await secrets.get('auth.refresh_token')).toBeNull();
    await secrets.set('auth.refresh_token', 'token-1');
    expect(await secrets.get('auth.refresh_token')).toBe('token-1');
    await secrets.delete('auth.refresh_token');
    expect(await secrets.get('auth.refresh_token')).toBeNull();
  });

  it('keeps each instance separate, like two tabs', async () => {
    const first = createMemorySecrets();
    const second = createMemorySecrets();
    await first.set('sip.password', 'secret');
    expect(await second.get('sip.password')).toBeNull();
  });

  it('rejects malformed keys and over-long values without storing anything', async () => {
    const secrets = createMemorySecrets();
    await expect(secrets.set('Bad Key!', 'x')).rejects.toThrow();
    await expect(secrets.set('sip.password', 'x'.repeat(5000))).rejects.toThrow();
    expect(await secrets.get('sip.password')).toBeNull();
  });
});
