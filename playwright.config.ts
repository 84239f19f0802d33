import { defineConfig } from '@playwright/test';
import type { Target } from './e2e/fixtures';

// One set of specs, two targets. `chromium` runs the built renderer in Debian's Chromium against the
// browser host; `electron` runs the real app where an Electron binary is installed (and reports itself
// skipped, with the reason, where none is). Recording is real-time, so tests run one at a time.
export default defineConfig<{ target: Target }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  projects: [
    { name: 'chromium', use: { target: 'chromium' } },
    { name: 'electron', use: { target: 'electron' } },
  ],
});
