// `npm run <x>` entry guard: makes sure node_modules matches the lock file.
import { ensureNodeDeps } from './lib.mjs';

await ensureNodeDeps();
