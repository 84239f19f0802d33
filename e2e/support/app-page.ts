// What a person does on the practice screen, as steps the specs share.
import { expect, type Page } from '@playwright/test';

export function recordButton(page: Page) {
  return page.getByRole('button', { name: /^(Record|Stop)$/ });
}

export async function elapsedMs(page: Page): Promise<number> {
  return Number(await page.getByRole('timer', { name: 'Elapsed time' }).getAttribute('data-elapsed-ms'));
}

export async function startRecording(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
}

export async function waitForElapsed(page: Page, ms: number): Promise<void> {
  await expect.poll(() => elapsedMs(page), { timeout: ms + 20_000, intervals: [50] }).toBeGreaterThanOrEqual(ms);
}

/** Records until the app's timer reaches `ms`, stops, waits until the take is saved; returns its id and its measured length. */
export async function recordTake(page: Page, ms: number): Promise<{ takeId: string; elapsedAtStopMs: number }> {
  // Direct children only: a take's review has lists of its own.
  const attempts = page.getByRole('list', { name: 'Attempts' }).locator(':scope > li');
  const before = await attempts.count();
  await startRecording(page);
  // The level meter moves with the voice, and the timer runs.
  const meter = page.getByRole('meter', { name: 'Input level' });
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 5_000, intervals: [50] })
    .toBeGreaterThan(-40);
  await waitForElapsed(page, ms);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  await expect(meter).toHaveAttribute('aria-valuetext', 'not recording');
  await expect(attempts).toHaveCount(before + 1);
  const newest = attempts.first();
  await expect(newest.getByText('Saved')).toBeVisible();
  const takeId = await newest.getAttribute('data-take-id');
  if (!takeId) throw new Error('the saved attempt has no take id');
  // After Stop the timer shows the take's length as the app measured it, from capture start to Stop.
  return { takeId, elapsedAtStopMs: await elapsedMs(page) };
}

/**
 * Records an answer whose saving moves the screen on (in a mock loop, a team interview's answer is
 * followed by the interviewer's follow-up, with its own, empty, list of attempts): records until the
 * timer reaches `ms`, stops and waits until the take is saved. Returns the length the timer showed at Stop.
 */
export async function recordAnswer(page: Page, ms: number): Promise<number> {
  await startRecording(page);
  const meter = page.getByRole('meter', { name: 'Input level' });
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 5_000, intervals: [50] })
    .toBeGreaterThan(-40);
  await waitForElapsed(page, ms);
  const elapsed = await elapsedMs(page);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  await expect(meter).toHaveAttribute('aria-valuetext', 'not recording');
  return elapsed;
}

/** Restore a backup…, choosing `name` among the zips in the browser host's exports folder. */
export async function restoreFromExports(page: Page, name: string) {
  await page.getByRole('button', { name: 'Restore a backup…' }).click();
  const chooser = page.getByRole('form', { name: 'Choose a backup to restore' });
  await chooser.getByLabel('Backup file').selectOption(name);
  await chooser.getByRole('button', { name: 'Restore', exact: true }).click();
}
