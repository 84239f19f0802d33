import { defineConfig } from 'vitest/config';

// `npm run test:windows`: the Windows engine and CLI under wine (see e2e/windows/). Slow (wine starts in
// seconds, not milliseconds), so kept out of `npm run test:unit`.
export default defineConfig({
  test: {
    include: ['e2e/windows/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
