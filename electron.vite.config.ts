import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { aliases } from './aliases.config';

// Main and preload are CommonJS: a sandboxed preload cannot load ES modules.
export default defineConfig({
  main: {
    resolve: { alias: aliases },
    build: {
      outDir: 'out/main',
      lib: { entry: 'main/src/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    },
  },
  preload: {
    resolve: { alias: aliases },
    build: {
      // A sandboxed preload can require only `electron`: bundle every other dependency.
      externalizeDeps: false,
      outDir: 'out/preload',
      lib: { entry: 'preload/src/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias: aliases },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; the browser edition downloads it on every sign-in.
      minify: 'esbuild',
      // Starts from an empty out/renderer, so a test page from an earlier test build never ships.
      emptyOutDir: true,
      // caller.html: the customer-phone simulator (softphone feature), for tests and by hand.
      // sync-lab.html: drives the sync feature's public API from e2e tests and benchmarks; built
      // only when CENTRALITA_TEST_PAGES=1 (scripts/test.mjs, scripts/bench.mjs), never for npm start/dist.
      rollupOptions: {
        // The contract's modules only define schemas and pure functions, but rollup cannot prove a
        // top-level `z.object(...)` call pure: without this, importing one schema from the barrel
        // kept every schema (call scripts included) in the sign-in screen's first download.
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]contract[\\/]src[\\/]/.test(id) },
        input: {
          index: 'renderer/index.html',
          caller: 'renderer/caller.html',
          ...(process.env.CENTRALITA_TEST_PAGES === '1' ? { 'sync-lab': 'renderer/sync-lab.html' } : {}),
        },
      },
    },
  },
});
