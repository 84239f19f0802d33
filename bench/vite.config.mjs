// Bundles the benches for plain Node 20 (which cannot run TypeScript): an SSR (library) build of bench/*.ts
// to out/bench/*.mjs (out/ is build output: ignored by git, ESLint and Prettier). Node built-ins and the
// packages in node_modules stay external, so the benches run the app's own modules and nothing else.
// From the repo root: `vite build -c bench/vite.config.mjs && node out/bench/run-benches.mjs`.
import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: path.resolve(here, '..'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: path.resolve(here, '..', 'out', 'bench'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      input: {
        'run-benches': path.resolve(here, 'run-benches.ts'),
        'transcription-bench': path.resolve(here, 'transcription-bench.ts'),
        'transcription-memory-bench': path.resolve(here, 'transcription-memory-bench.ts'),
        'history-bench': path.resolve(here, 'history-bench.ts'),
        'engine-cpu-bench': path.resolve(here, 'engine-cpu-bench.ts'),
        'hesitation-bench': path.resolve(here, 'hesitation-bench.ts'),
        'storage-bench': path.resolve(here, 'storage-bench.ts'),
        'backup-bench': path.resolve(here, 'backup-bench.ts'),
        'from-file-memory-bench': path.resolve(here, 'from-file-memory-bench.ts'),
        'soak-crash': path.resolve(here, 'soak-crash.ts'),
      },
      // package.json says "type": "commonjs": .mjs keeps the output an ES module (the engine uses import.meta.url).
      output: { format: 'esm', entryFileNames: '[name].mjs', chunkFileNames: 'chunks/[name]-[hash].mjs' },
    },
  },
});
