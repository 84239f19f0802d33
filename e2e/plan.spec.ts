// A plan to interview day: the person sets the date of their loop, practises today's first question
// with the microphone, reloads and finds the plan kept with that question done; on the next days the
// plan moves on, adapts to a skipped day, gives the day before the interview to a mock loop, and says
// when the date has passed.
//
// Days: the take is dated by main, on the real clock, so the first day is the real today; later days
// move the page's clock forward (Playwright's clock, time flowing from 09:00 that day).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import checklist from '../resources/checklist/principles.json';

test.use({ withModel: false });

/** One question with a 10-second target, so a take of the fake microphone's speech can be on target. */
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

/** The real today plus `offset` days, at 09:00 local time. */
function morningOf(base: Date, offset: number): Date {
  return new Date(base.getFullYear(), base.getMonth(), base.getDate() + offset, 9, 0, 0);
}

/** "YYYY-MM-DD" of the real today plus `offset` days. */
function dayOf(base: Date, offset: number): string {
  const day = morningOf(base, offset);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** Moves the page's clock to 09:00 that many days after the real today and reloads, as opening the app that morning. */
async function openOn(page: Page, base: Date, offset: number): Promise<void> {
  await page.clock.setSystemTime(morningOf(base, offset));
  await page.reload();
  await openToday(page);
}

/**
 * The real today, once it has at least 3 minutes left: the first day must not end while its takes are
 * recorded and checked, so near midnight this waits for the next day.
 */
async function notNearMidnight(page: Page): Promise<Date> {
  const now = new Date();
  const untilMidnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
  if (untilMidnight < 180_000) await page.waitForTimeout(untilMidnight + 5_000);
  return new Date();
}

async function openToday(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Today' })).toBeVisible();
}

test('sets the interview date, practises today’s first question, and the plan is kept and moves day by day', async ({ app }) => {
  test.setTimeout(360_000);
  const { page } = app;
  const base = await notNearMidnight(page);
  await page.reload();
  await openToday(page);
  const today = page.getByRole('region', { name: 'Today' });
  await expect(today).toContainText('Enter the date of your interview loop');
  await expectNoSeriousViolations(page, 'the Today view before a date is set');

  // The date, from the keyboard: type it, then Enter submits the form.
  const date = today.getByLabel('Interview date');
  await date.fill(dayOf(base, 5));
  await expect(today.getByRole('checkbox')).toHaveCount(3);
  for (const box of await today.getByRole('checkbox').all()) await expect(box).toBeChecked();
  await date.press('Enter');
  await expect(today.getByRole('status')).toContainText('Your interview is in 5 days');
  await expect(today.getByRole('status')).toContainText('4 practice days left, today included, with 38 questions to go over: 10 a day.');
  const items = today.getByRole('list', { name: 'Today’s questions' }).getByRole('listitem');
  await expect(items).toHaveCount(10);
  await expect(today).toContainText('0 of 10 done.');
  // Never answered first, mixing stages and categories.
  await expect(items.first()).toContainText('Never answered');
  const metas = await today.locator('.plan-item-meta').allTextContents();
  expect(new Set(metas.map((meta) => meta.split(' · ').slice(0, 2).join(' · '))).size).toBeGreaterThanOrEqual(6);
  for (const stage of ['Recruiter screen', 'Hiring-manager screen', 'Team interview']) expect(metas.join('\n')).toContain(stage);
  await expectNoSeriousViolations(page, 'the Today view with a plan');

  // Practise the first question: the practice screen opens on it, and a take is recorded.
  const first = items.first();
  const firstId = await first.getAttribute('data-question-id');
  const firstText = (await first.locator('.plan-item-text').textContent()) ?? '';
  const category = ((await first.locator('.plan-item-meta').textContent()) ?? '').split(' · ')[0] ?? '';
  const practise = first.getByRole('button', { name: 'Practise' });
  await practise.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: firstText })).toBeVisible();
  await recordTake(page, 1500);

  // Back on Today: that question is done, and its category counts one answered (a 1.5 s take is not "ready").
  await openToday(page);
  const done = today.locator(`[data-question-id="${firstId}"]`);
  await expect(done).toContainText('Done');
  await expect(done).toContainText('Practised today');
  await expect(done.getByRole('button', { name: 'Practise again' })).toBeVisible();
  await expect(today).toContainText('1 of 10 done.');
  const row = today.getByRole('table', { name: 'Readiness by category' }).getByRole('row', { name: new RegExp(`^${category}`) });
  await expect(row.getByRole('cell').nth(0)).toHaveText(/^0 of \d+$/);
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^1 of \d+$/);
  await expectNoSeriousViolations(page, 'the Today view with a question done');

  // A restart keeps the plan and what is done; the list stays put for the rest of the day.
  const todaysIds = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-question-id')));
  await page.reload();
  await openToday(page);
  await expect(today.getByRole('status')).toContainText('Your interview is in 5 days');
  await expect(done).toContainText('Done');
  await expect(today).toContainText('1 of 10 done.');
  expect(await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-question-id')))).toEqual(todaysIds);

  // The next day the plan moves on: questions never answered come first, none of them done yet, and
  // yesterday's weak take waits behind them.
  await openOn(page, base, 1);
  await expect(today.getByRole('status')).toContainText('Your interview is in 4 days');
  await expect(today).toContainText('0 of 10 done.');
  await expect(today.locator(`[data-question-id="${firstId}"]`)).toHaveCount(0);
  const nextIds = await items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-question-id')));
  // What was not done yesterday is still on today's list.
  expect(nextIds).toHaveLength(10);
  expect(nextIds).toEqual(expect.arrayContaining(todaysIds.filter((id) => id !== firstId)));

  // A skipped day: two days later there is one practice day left for everything still to go over.
  await openOn(page, base, 3);
  await expect(today.getByRole('status')).toContainText('Your interview is in 2 days');
  await expect(today.getByRole('status')).toContainText('1 practice day left, today included, with 38 questions to go over: 10 a day.');

  // The day before: a full mock loop, one click away.
  await openOn(page, base, 4);
  await expect(today.getByRole('status')).toContainText('Your interview is tomorrow');
  await expect(today.getByRole('heading', { name: 'Today: a full mock loop' })).toBeVisible();
  await expect(today.getByRole('list', { name: 'Today’s questions' })).toHaveCount(0);
  await expectNoSeriousViolations(page, 'the Today view on the mock-loop day');
  await today.getByRole('button', { name: 'Start the mock loop' }).click();
  await expect(page.getByRole('button', { name: 'Start mock loop' })).toBeVisible();

  // The day itself, then past it: the plan says so and asks for a new date.
  await openOn(page, base, 5);
  await expect(today.getByRole('status')).toContainText('Your interview is today');
  await openOn(page, base, 6);
  await expect(today.getByRole('status')).toContainText('has passed. Set the date of your next interview to plan again.');
  await expectNoSeriousViolations(page, 'the Today view after the interview date');
  await today.getByLabel('Interview date').fill(dayOf(base, 4));
  await today.getByRole('button', { name: 'Save plan' }).click();
  await expect(today.getByRole('alert')).toHaveText('That date has passed: enter today or a later day.');
  await today.getByLabel('Interview date').fill(dayOf(base, 16));
  await today.getByRole('button', { name: 'Save plan' }).click();
  await expect(today.getByRole('status')).toContainText('Your interview is in 10 days');
  await expect(items.first()).toContainText('Never answered');
});

test('a take on target with half the probed checklist ticked makes its question ready; the plan counts only the chosen stages', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  const base = await notNearMidnight(page);
  await page.getByRole('button', { name: 'Question bank' }).click();
  await page
    .getByLabel('Question pack file')
    .setInputFiles({ name: 'short.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SHORT_PACK)) });
  await page.getByRole('region', { name: 'Short answers' }).getByRole('button', { name: 'Practise' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'In ten seconds: why this team?' })).toBeVisible();
  const { takeId } = await recordTake(page, 10_000);
  // Tick two of the three items of the principle the question probes (directness).
  const panel = page.locator(`[data-take-id="${takeId}"]`).getByRole('region', { name: 'Culture checklist' });
  const directness = checklist.principles.find((principle) => principle.id === 'directness');
  if (!directness) throw new Error('no directness principle in the checklist');
  expect(directness.items).toHaveLength(3);
  for (const item of directness.items.slice(0, 2)) await panel.getByRole('checkbox', { name: item.text }).check();
  await expect(panel).toContainText('2 of 3');

  // A plan for the recruiter screen only: its two categories, the new question counted in (today's takes
  // move the plan from tomorrow, so it is still one of the 8 to go over).
  await openToday(page);
  const today = page.getByRole('region', { name: 'Today' });
  await today.getByLabel('Interview date').fill(dayOf(base, 5));
  await today.getByRole('checkbox', { name: 'Hiring-manager screen' }).uncheck();
  await today.getByRole('checkbox', { name: 'Team interview' }).uncheck();
  await today.getByRole('button', { name: 'Save plan' }).click();
  await expect(today.getByRole('status')).toContainText('with 8 questions to go over: 3 a day.');
  const items = today.getByRole('list', { name: 'Today’s questions' }).getByRole('listitem');
  await expect(items).toHaveCount(3);
  for (const meta of await today.locator('.plan-item-meta').allTextContents()) expect(meta).toContain('Recruiter screen');
  const rows = today.getByRole('table', { name: 'Readiness by category' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  const culture = today.getByRole('row', { name: /^Culture/ });
  await expect(culture.getByRole('cell').nth(0)).toHaveText('1 of 3');
  await expect(culture.getByRole('cell').nth(1)).toHaveText('1 of 3');
  await expect(culture.getByRole('cell').nth(2)).toHaveText('33 %');
  await expect(
    today
      .getByRole('row', { name: /^Compensation/ })
      .getByRole('cell')
      .nth(0),
  ).toHaveText('0 of 5');

  // One tick fewer and the take is weak: the question is no longer ready.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Practise' }).click();
  await page
    .getByRole('navigation', { name: 'Questions' })
    .getByRole('button', { name: /In ten seconds/ })
    .click();
  await panel.getByRole('checkbox', { name: directness.items[1]?.text ?? '' }).uncheck();
  await expect(panel).toContainText('1 of 3');
  await openToday(page);
  await expect(culture.getByRole('cell').nth(0)).toHaveText('0 of 3');
  await expect(culture.getByRole('cell').nth(1)).toHaveText('1 of 3');
  await expectNoSeriousViolations(page, 'the Today view for one stage');
});
