import { defineConfig } from 'vitest/config';

// `npm run test:package`: packs the unpacked app for Linux and Windows with electron-builder (global-setup.ts)
// and checks what is in it. Slow the first time (the engines build), so not part of `npm run test:unit`.
export default defineConfig({
  test: {
    include: ['packaging/**/*.test.ts'],
    globalSetup: ['packaging/global-setup.ts'],
    environment: 'node',
    // Packing takes seconds once the engines are built, about three minutes before.
    hookTimeout: 15 * 60_000,
    testTimeout: 60_000,
  },
});
