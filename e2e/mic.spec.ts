// The microphone: chosen by name from the connected inputs and remembered; a chosen one that is gone is
// named and the take records from the default; a 5-second check with a live level, playback and a
// verdict in words. Chromium's fake devices all play the fake-mic file.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { DEFAULT_FAKE_MIC, expect, test } from './fixtures';
import { recordTake } from './support/app-page';

test.use({ withModel: false });

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

async function runCheck(page: Page) {
  const panel = page.getByRole('region', { name: 'Microphone' });
  const check = panel.getByRole('button', { name: /^Check (microphone|again)$/ });
  await check.focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('status')).toContainText('Listening');
  const meter = panel.getByRole('meter', { name: 'Check level' });
  await expect
    .poll(async () => Number(await meter.getAttribute('aria-valuenow')), { timeout: 6_000, intervals: [50] })
    .toBeGreaterThan(-60);
  return panel;
}

test('chooses the microphone by name, remembers it, and checks it with a verdict in words', async ({ app }) => {
  const { page } = app;
  // First run: the check is offered, not imposed.
  const offer = page.getByText('New here? Check your microphone first');
  await expect(offer).toBeVisible();
  await expectNoSeriousViolations(page, 'the practice screen with the microphone offer');
  await offer.getByRole('button', { name: 'Check microphone' }).click();

  const panel = page.getByRole('region', { name: 'Microphone' });
  await expect(panel.getByRole('heading', { name: 'Microphone', exact: true })).toBeFocused();
  const select = panel.getByLabel('Record from');
  await expect(select).toHaveValue('');
  await expect(select.locator('option')).toHaveText(['System default', /^Fake Audio Input 1$/, /^Fake Audio Input 2$/]);
  await expectNoSeriousViolations(page, 'the microphone panel');

  await select.selectOption({ label: 'Fake Audio Input 2' });
  await expect(page.getByRole('button', { name: 'Microphone: Fake Audio Input 2' })).toBeVisible();

  // The check: live level for 5 seconds, then it plays back and says how it was.
  await runCheck(page);
  await expectNoSeriousViolations(page, 'the microphone check while listening');
  const verdict = panel.locator('.mic-verdict');
  await expect(verdict).toHaveText(/^Fine: your voice comes through clearly \(-\d+ dB, no clipping\)\.$/, { timeout: 20_000 });
  await expect(verdict).toHaveAttribute('data-verdict', 'fine');
  await expect(panel.getByRole('button', { name: 'Play it again' })).toBeEnabled({ timeout: 20_000 });
  await expectNoSeriousViolations(page, 'the microphone check with its verdict');

  // Remembered across a reload; the first-run offer is not made again.
  await page.reload();
  await expect(page.getByRole('button', { name: 'Microphone: Fake Audio Input 2' })).toBeVisible();
  await expect(offer).toHaveCount(0);
  await page.getByRole('button', { name: 'Microphone: Fake Audio Input 2' }).click();
  await expect(page.getByRole('region', { name: 'Microphone' }).getByLabel('Record from')).toHaveValue(/.+/);
  await expect(page.getByRole('region', { name: 'Microphone' }).getByLabel('Record from').locator('option:checked')).toHaveText(
    'Fake Audio Input 2',
  );
  await page.getByRole('region', { name: 'Microphone' }).getByRole('button', { name: 'Close' }).click();

  // A take records from it, and nothing says it is missing.
  await recordTake(page, 1000);
  await expect(page.getByText(/is not connected/)).toHaveCount(0);

  // Back to the system default.
  await page.getByRole('button', { name: 'Microphone: Fake Audio Input 2' }).click();
  await page.getByRole('region', { name: 'Microphone' }).getByLabel('Record from').selectOption({ label: 'System default' });
  await expect(page.getByRole('button', { name: 'Microphone: system default' })).toBeVisible();
});

test('a chosen microphone that is gone is named, and the take records from the default', async ({ app }) => {
  const { page } = app;
  await page.evaluate(() => {
    localStorage.setItem('rehearse.microphone', JSON.stringify({ deviceId: 'unplugged-headset', label: 'USB headset' }));
    localStorage.setItem('rehearse.micCheckOffered', '1');
  });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Microphone: USB headset' })).toBeVisible();
  await recordTake(page, 1000);
  await expect(page.getByRole('status').filter({ hasText: 'not connected' })).toHaveText(
    'The microphone you chose (USB headset) is not connected, so this take records from the system default.',
  );
  await page.getByRole('button', { name: 'Microphone: USB headset' }).click();
  const panel = page.getByRole('region', { name: 'Microphone' });
  await expect(panel).toContainText(
    'The microphone you chose (USB headset) is not connected: takes record from the system default until it is.',
  );
  await expect(panel.getByLabel('Record from')).toHaveValue('');
  await expectNoSeriousViolations(page, 'the microphone panel with the chosen one missing');
});

test.describe('a quiet microphone', () => {
  // The fake mic's speech 30 dB down (sox vol 0.03): speech level about -42 dBFS.
  const quiet = path.join(mkdtempSync(path.join(os.tmpdir(), 'rehearse-quiet-')), 'quiet.wav');
  execFileSync('sox', [DEFAULT_FAKE_MIC, quiet, 'vol', '0.03']);
  test.use({ micFile: quiet });

  test('is called too quiet, from the mock loop set-up', async ({ app }) => {
    const { page } = app;
    await page.getByRole('button', { name: 'Mock loop' }).click();
    await page.getByText('Before a mock loop, check your microphone').getByRole('button', { name: 'Check microphone' }).click();
    const panel = await runCheck(page);
    await expect(panel.locator('.mic-verdict')).toHaveText(/^Too quiet \(-4\d dB\): transcripts may miss words\./, { timeout: 20_000 });
    await expect(panel.locator('.mic-verdict')).toHaveAttribute('data-verdict', 'too-quiet');
  });
});
