// One app per data folder: a second copy started on the folder the app has open (a double-click on
// Windows; here a second browser host) refuses to start with a clear message, and leaves the take
// being recorded alone: it finishes as a complete take, not a "recovered" one.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { startRecording, waitForElapsed } from './support/app-page';

test.skip(({ target }) => target !== 'chromium', 'Electron refuses a second copy with its single-instance lock (electron/main tests)');

test('a second copy on the same data folder refuses to start, and the take being recorded is kept whole', async ({ app }) => {
  const { page } = app;
  await startRecording(page);
  await waitForElapsed(page, 2_000);

  const second = spawn(process.execPath, [path.resolve(__dirname, '../out/main/host.js')], {
    env: { ...process.env, REHEARSE_DATA_DIR: app.dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const code = await new Promise<number | null>((resolve) => {
    const read = (data: Buffer) => {
      output += data.toString();
      // It started after all (the defect): stop it, and let the expectations below say so.
      if (/running at/.test(output)) second.kill('SIGKILL');
    };
    second.stdout.on('data', read);
    second.stderr.on('data', read);
    second.once('exit', resolve);
  });
  console.log(`second copy: exit ${code}: ${output.trim()}`);
  expect(code).toBe(2);
  expect(output).toContain(`Rehearse is already open with the data folder ${app.dataDir}`);
  expect(output).not.toMatch(/running at/);

  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  const newest = page.getByRole('list', { name: 'Attempts' }).locator(':scope > li').first();
  await expect(newest.getByText('Saved')).toBeVisible();
  await expect(newest.getByText('Recovered after a crash')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
