// Bundles the transcription bench for plain Node 20 (which cannot run TypeScript): an SSR (library) build of
// bench/transcription-bench.ts to out/bench/transcription-bench.mjs (out/ is build output: ignored by git,
// ESLint and Prettier). Node built-ins and the packages in node_modules stay external, so the bench runs
// the app's own engine modules and nothing else.
// From the repo root: `vite build -c bench/vite.config.mjs && node out/bench/transcription-bench.mjs`.
import path from 'node:path';
import { defineConfig } from 'vite';

const here = import.meta.dirname;

export default defineConfig({
  root: path.resolve(here, '..'),
  publicDir: false,
  logLevel: 'warn',
  build: {
    ssr: path.resolve(here, 'transcription-bench.ts'),
    outDir: path.resolve(here, '..', 'out', 'bench'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: {
      // package.json says "type": "commonjs": .mjs keeps the output an ES module (the engine uses import.meta.url).
      output: { format: 'esm', entryFileNames: '[name].mjs' },
    },
  },
});
