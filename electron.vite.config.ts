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
      outDir: 'out/preload',
      lib: { entry: 'preload/src/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
      rollupOptions: { output: { inlineDynamicImports: true } },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias: aliases },
    plugins: [react()],
    build: { outDir: 'out/renderer', rollupOptions: { input: 'renderer/index.html' } },
  },
});
