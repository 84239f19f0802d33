// Backups of a real size: progress in bytes and Cancel for a restore and for a backup, and a restore
// killed part-way (as a crash would) that leaves nothing half-written: the next start clears its
// staging folder, and the same backup then restores whole. The browser host reads backups from its
// exports folder; no backup bytes go through the page.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { writeLargeBackup } from './support/large-backup';

test.use({ withModel: false });

const TAKES = 10;
const SECONDS = 600;
const WAV_BYTES = 44 + SECONDS * 16_000 * 2;

function backupGroup(page: Page) {
  return page.getByRole('group', { name: 'Backup' });
}

async function openHistory(page: Page) {
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('region', { name: 'History' })).toBeVisible();
}

async function restoreFromExports(page: Page, name: string) {
  await backupGroup(page).getByRole('button', { name: 'Restore a backup…' }).click();
  const chooser = page.getByRole('form', { name: 'Choose a backup to restore' });
  await chooser.getByLabel('Backup file').selectOption(name);
  await chooser.getByRole('button', { name: 'Restore', exact: true }).click();
}

/** Waits until `label`'s progress bar shows some bytes done (not yet all). */
async function partWay(page: Page, label: string) {
  const bar = backupGroup(page).getByRole('progressbar', { name: label });
  await expect.poll(async () => Number((await bar.getAttribute('value')) ?? 0), { timeout: 60_000, intervals: [50] }).toBeGreaterThan(0);
}

const staging = (dataDir: string) => path.join(dataDir, '.restore-staging');
const listing = (dir: string) => fs.readdir(dir).catch(() => [] as string[]);

test('a large backup restores and backs up with progress and Cancel; a restore killed part-way leaves nothing half-written', async ({
  app,
}) => {
  test.skip(app.target === 'electron', 'the desktop app asks with native save and open dialogs, which Playwright cannot answer');
  test.setTimeout(300_000);
  const { page } = app;
  const exportsDir = path.join(app.dataDir, 'exports');
  await fs.mkdir(exportsDir, { recursive: true });
  const takeIds = await writeLargeBackup(path.join(exportsDir, 'large.zip'), TAKES, SECONDS);
  await openHistory(page);

  // Cancel while it is checked: nothing changes, nothing is left.
  await restoreFromExports(page, 'large.zip');
  await partWay(page, 'Restore progress');
  await expect(backupGroup(page)).toContainText(/Checking the backup: \d+(\.\d+)? (kB|MB|GB) of \d+(\.\d+)? (MB|GB)/);
  await backupGroup(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(backupGroup(page).getByRole('status')).toHaveText('Not restored; nothing was changed.');
  expect(await listing(app.recordingsDir)).toEqual([]);
  expect(await listing(staging(app.dataDir))).toEqual([]);
  await expect(page.getByText('No takes here yet.')).toBeVisible();

  // Killed part-way, as a crash would: the next start clears the staging folder; no file is half there.
  await restoreFromExports(page, 'large.zip');
  await partWay(page, 'Restore progress');
  expect(await listing(staging(app.dataDir)), 'the kill comes while the backup is being staged').not.toEqual([]);
  await app.kill();
  await app.restart();
  await openHistory(page);
  expect(await listing(staging(app.dataDir))).toEqual([]);
  for (const name of await listing(app.recordingsDir)) {
    expect(name, 'only whole takes, if any').toMatch(/^take-large\d{4}\.wav$/);
    expect((await fs.stat(path.join(app.recordingsDir, name))).size).toBe(WAV_BYTES);
  }

  // The same backup then restores whole.
  await restoreFromExports(page, 'large.zip');
  await expect(backupGroup(page).getByRole('status')).toHaveText(/^Restored 10 takes/, { timeout: 120_000 });
  expect((await listing(app.recordingsDir)).sort()).toEqual(takeIds.map((id) => `${id}.wav`).sort());

  // A backup of them, cancelled part-way: no file in the exports folder but the one that was there.
  await backupGroup(page).getByRole('button', { name: 'Back up everything…' }).click();
  await partWay(page, 'Backup progress');
  await expect(backupGroup(page)).toContainText(/Backing up: \d+(\.\d+)? (kB|MB|GB) of \d+(\.\d+)? (MB|GB)/);
  await backupGroup(page).getByRole('button', { name: 'Cancel' }).click();
  await expect(backupGroup(page).getByRole('status')).toHaveText('Not backed up; nothing was saved.');
  expect(await listing(exportsDir)).toEqual(['large.zip']);
});
