import { secretKeySchema, secretValueSchema, type DesktopApi } from '@contract';

/**
 * Secrets of the browser edition: kept in memory for this tab's session only, never in
 * localStorage or IndexedDB, so closing the tab forgets them. Keys and values are validated
 * with the same schemas the Electron main process uses.
 */
export function createMemorySecrets(): DesktopApi['secrets'] {
  const values = new Map<string, string>();
  return {
    storageKind: () => Promise.resolve('memory'),
    get: async (key) => values.get(secretKeySchema.parse(key)) ?? null,
    set: async (key, value) => {
      values.set(secretKeySchema.parse(key), secretValueSchema.parse(value));
    },
    delete: async (key) => {
      values.delete(secretKeySchema.parse(key));
    },
  };
}
