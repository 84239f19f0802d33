import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      // libopus-wasm is ES-module-only (no `require` entry) and main is CommonJS: bundle it (one file
      // with its WebAssembly inlined), which is why it is a devDependency (the installers ship only what
      // main loads at run time); every other package stays external.
      externalizeDeps: { exclude: ['libopus-wasm'] },
      rolldownOptions: {
        input: {
          // Electron's main process, and the same services behind a local WebSocket for a browser.
          index: resolve(__dirname, 'electron/main/index.ts'),
          host: resolve(__dirname, 'electron/host/index.ts'),
          // `npx rehearse …`: the headless CLI, on the same engine modules as the app.
          cli: resolve(__dirname, 'electron/cli/index.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require packages: bundle everything it uses.
      externalizeDeps: false,
      rolldownOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      // electron-vite leaves code unminified by default; a smaller bundle parses faster at start-up.
      minify: true,
      rolldownOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
