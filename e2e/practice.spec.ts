// The practice screen: the question, its stage and target before recording; a quiet countdown to the
// target; Space, R and N on the keyboard; and no serious accessibility violations on any screen.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { elapsedMs, recordTake, startRecording, waitForElapsed } from './support/app-page';

test.use({ withModel: false });

const SHORT_PACK = {
  id: 'short-answers',
  title: 'Short answers',
  version: 1,
  questions: [
    {
      id: 'short-elevator',
      text: 'In ten seconds: why this team?',
      category: 'culture',
      stage: 'recruiter-screen',
      principles: ['directness'],
      targetSec: 10,
    },
  ],
};

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  // Legacy mode runs axe inside the page itself: the default mode opens a second page to merge frame
  // results, which a persistent (and an Electron) context cannot do; the app has no frames to merge.
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

test('shows the question, stage and target first, and Space, R and N work from the keyboard', async ({ app }) => {
  const { page } = app;
  const questions = page.getByRole('navigation', { name: 'Questions' }).getByRole('button');
  const first = (await questions.nth(0).locator('.question-text').textContent()) ?? '';
  const second = (await questions.nth(1).locator('.question-text').textContent()) ?? '';
  await expect(page.getByRole('heading', { level: 2, name: first })).toBeVisible();
  const card = page.locator('.question-card');
  await expect(card).toContainText('Hiring-manager screen');
  await expect(card).toContainText('target 1:45');
  await expect(card).toContainText('Probes: Intellectual honesty over self-promotion');
  await expect(page.getByRole('timer', { name: 'Time to target' })).toHaveText(/^1:45 left/);
  await expectNoSeriousViolations(page, 'the practice screen before recording');

  // N: the next question.
  await page.keyboard.press('n');
  await expect(page.getByRole('heading', { level: 2, name: second })).toBeVisible();
  await expect(questions.nth(1)).toHaveAttribute('aria-current', 'true');

  // Space records; R while recording keeps that take and starts a new one; Space stops it.
  await startRecording(page);
  await waitForElapsed(page, 1500);
  await page.keyboard.press('r');
  const attempts = page.getByRole('list', { name: 'Attempts' }).locator(':scope > li');
  await expect(attempts).toHaveCount(2);
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(attempts.nth(1).getByText('Saved')).toBeVisible();
  await waitForElapsed(page, 1000);
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  await expect(attempts.first().getByText('Saved')).toBeVisible();
  await expectNoSeriousViolations(page, 'the practice screen after two takes');

  // R when idle: a retake of the same question.
  await page.keyboard.press('r');
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await waitForElapsed(page, 1000);
  await page.keyboard.press('Space');
  await expect(attempts).toHaveCount(3);
  await expect(page.getByRole('heading', { level: 2, name: second })).toBeVisible();

  // Keys are left alone while typing: N in a text field types an n.
  await page.getByRole('button', { name: 'Question bank' }).click();
  await page.getByRole('button', { name: 'Add a question' }).click();
  await page.getByLabel('Question', { exact: true }).pressSequentially('n r');
  await expect(page.getByLabel('Question', { exact: true })).toHaveValue('n r');
  await expectNoSeriousViolations(page, 'the question bank with the editor open');
});

test('the countdown turns amber in the last quarter of the target and red past it, quietly', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Question bank' }).click();
  await page
    .getByLabel('Question pack file')
    .setInputFiles({ name: 'short.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SHORT_PACK)) });
  await page.getByRole('region', { name: 'Short answers' }).getByRole('button', { name: 'Practise' }).click();
  const countdown = page.getByRole('timer', { name: 'Time to target' });
  await expect(countdown).toHaveText(/^0:10 left/);
  await expect(countdown).toHaveAttribute('aria-live', 'off');

  await startRecording(page);
  await expect(countdown).toHaveAttribute('data-phase', 'calm');
  await expect(countdown).toHaveAttribute('data-phase', 'amber', { timeout: 15_000 });
  expect(await elapsedMs(page)).toBeGreaterThanOrEqual(7500);
  expect(await elapsedMs(page)).toBeLessThan(10_000);
  await expectNoSeriousViolations(page, 'the practice screen while recording, amber');
  await expect(countdown).toHaveAttribute('data-phase', 'red', { timeout: 15_000 });
  expect(await elapsedMs(page)).toBeGreaterThanOrEqual(10_000);
  await expect(countdown).toHaveText(/over/);
  const [redColour, timerColour] = await Promise.all([
    page.locator('.countdown-red').evaluate((el) => getComputedStyle(el).color),
    page.locator('.recorder .timer').evaluate((el) => getComputedStyle(el).color),
  ]);
  expect(redColour).not.toBe(timerColour);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  // Idle again: the take against its target, not a countdown reset to the full target, until the next take.
  const against = page.getByRole('timer', { name: 'Take against target' });
  await expect(against).toHaveText(/^of 0:10 · 0:\d\d over$/);
  await expect(against).toHaveAttribute('data-phase', 'red');
  await expect(countdown).toHaveCount(0);
  await expect(page.getByRole('timer', { name: 'Elapsed time' })).toHaveText(/^0:1\d$/);
  await expectNoSeriousViolations(page, 'the practice screen after a take past its target');

  // The next recording counts down again; after a take under the target there is no "over".
  await startRecording(page);
  await expect(countdown).toHaveText(/^0:(10|09) left/);
  await waitForElapsed(page, 1200);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Recorder' })).toContainText(/0:0[1-3]\s*of 0:10(?! ·)/);
  await expect(against).toHaveAttribute('data-phase', 'calm');

  // Another question shows its own full target, not this take against it.
  await page.getByRole('navigation', { name: 'Questions' }).getByRole('button').first().click();
  await expect(countdown).toHaveText(/^1:45 left/);
  await expect(against).toHaveCount(0);
});

test('the mock loop screens pass the accessibility check', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Mock loop' }).click();
  await expectNoSeriousViolations(page, 'the loop set-up');
  await page.getByRole('button', { name: 'Start mock loop' }).click();
  await expect(page.getByRole('navigation', { name: 'Loop progress' })).toBeVisible();
  await recordTake(page, 1000);
  await expectNoSeriousViolations(page, 'a loop step after a take');
  await page.getByRole('button', { name: 'End loop early' }).click();
  await expect(page.getByRole('heading', { name: 'Loop summary' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Loop summary' })).toContainText('1 of 8 questions answered');
  await expectNoSeriousViolations(page, 'the loop summary');
});
