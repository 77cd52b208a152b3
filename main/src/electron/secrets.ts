/** The secret vault over Electron's safeStorage (call after `app` is ready). */
import { join } from 'node:path';
import { app, safeStorage } from 'electron';
import { SecretVault, storageKindFor } from '../common/secret-vault';

export const SECRETS_FILE_NAME = 'secrets.json';

export function createSecretVault(): SecretVault {
  const kind = () =>
    storageKindFor({
      platform: process.platform,
      encryptionAvailable: safeStorage.isEncryptionAvailable(),
      linuxBackend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null,
    });
  return new SecretVault(join(app.getPath('userData'), SECRETS_FILE_NAME), safeStorage, kind);
}
