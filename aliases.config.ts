// Import aliases, shared by electron-vite, vitest and (as `paths`) tsconfig.base.json.
import { fileURLToPath } from 'node:url';

const at = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export const aliases = {
  '@contract': at('./contract/src'),
  '@features': at('./renderer/src/features'),
  '@components': at('./renderer/src/components'),
  '@app': at('./renderer/src/app'),
  '@platform': at('./renderer/src/platform'),
};
