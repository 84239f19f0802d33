// Follow-up questions, with the fake microphone: after a take the person answers a follow-up, recorded as
// a take linked to it, with its own shorter target; History lists it under that take, finds it by its
// words, compares it with another take of the same follow-up and exports it saying what it followed.
// A mock loop asks a follow-up after a team-interview answer. The new screens pass axe.
// The test speech models give empty text, so the takes get hand-made transcripts (support/inject-transcript.ts).
import AxeBuilder from '@axe-core/playwright';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import bundled from '../resources/questions/netflix-loop.json';
import { expect, test } from './fixtures';
import { recordAnswer, recordTake } from './support/app-page';
import { injectTranscript, timedTranscript } from './support/inject-transcript';

test.use({ withModel: false });

const QUESTION = bundled.questions[0] as (typeof bundled.questions)[number];
const FIRST_FOLLOW_UP = QUESTION.followUps[0]?.text as string;

async function expectNoSeriousAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

test('a follow-up take is recorded after a take, linked to it, listed under it in History, searched, compared and exported', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { page } = app;
  await expect(page.locator('#question-text')).toHaveText(QUESTION.text);
  const answer = await recordTake(page, 1500);

  // "Answer a follow-up", by keyboard: the follow-up replaces the question, with its own shorter target.
  const offer = page.getByRole('button', { name: 'Answer a follow-up to attempt 1' });
  await offer.focus();
  await page.keyboard.press('Enter');
  const heading = page.locator('#question-text');
  await expect(heading).toHaveText(FIRST_FOLLOW_UP);
  await expect(heading).toBeFocused();
  const context = page.getByRole('region', { name: /^Follow-up to your answer of / });
  await expect(context).toContainText(QUESTION.text);
  await expect(page.locator('.question-card')).toContainText('target 0:45');
  await expect(page.getByRole('timer', { name: 'Time to target' })).toHaveText(/^0:45/);
  await expect(page.getByText('No attempts yet.')).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'a follow-up in practice');

  // Space records the follow-up (focus is on the heading, not a button).
  const first = await recordTake(page, 1200);
  await expect(page.getByRole('timer', { name: 'Take against target' })).toContainText('of 0:45');
  const second = await recordTake(page, 1200);

  // The other follow-ups can be asked instead; "Back to the question" returns to it, the answer listed alone.
  const which = context.getByLabel('Follow-up asked');
  await expect(which.locator('option')).toHaveText(QUESTION.followUps.map((f) => f.text));
  // Chosen from the keyboard: the select keeps focus while the person looks through them.
  await which.focus();
  await page.keyboard.press('ArrowDown');
  await expect(heading).toHaveText(QUESTION.followUps[1]?.text as string);
  await expect(which).toBeFocused();
  await expect(page.getByText('No attempts yet.')).toBeVisible();
  await context.getByRole('button', { name: 'Back to the question' }).click();
  await expect(heading).toHaveText(QUESTION.text);
  await expect(heading).toBeFocused();
  const attempts = page.getByRole('list', { name: 'Attempts' }).locator(':scope > li');
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first()).toHaveAttribute('data-take-id', answer.takeId);
  await expect(attempts.first()).toContainText('2 follow-ups answered');
  // Having answered the first, the offer moves on to the next follow-up.
  await page.getByRole('button', { name: 'Answer a follow-up to attempt 1' }).click();
  await expect(heading).toHaveText(QUESTION.followUps[1]?.text as string);

  await injectTranscript(page, answer.takeId, timedTranscript(['I moved us to a vendor without asking the other teams.'], 500));
  await injectTranscript(page, first.takeId, timedTranscript(['I would search every repository for consumers first.'], 500));
  await injectTranscript(page, second.takeId, timedTranscript(['I would post a retirement notice with a deadline first.'], 500));

  // History: the follow-ups under their answer, oldest first, labelled with the follow-up.
  await page.getByRole('button', { name: 'History', exact: true }).click();
  const history = page.getByRole('region', { name: 'History' });
  const rows = history.getByRole('list', { name: 'Takes' }).getByRole('listitem');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('(3 takes)');
  await expect(rows.nth(1).locator(`[data-take-id="${answer.takeId}"]`)).toBeVisible();
  for (const [index, take] of [first, second].entries()) {
    const row = rows.nth(index + 2).locator(`[data-take-id="${take.takeId}"]`);
    await expect(row).toHaveClass(/history-take-followup/);
    await expect(row).toContainText(`Follow-up: ${FIRST_FOLLOW_UP}`);
    await expect(row.getByRole('button', { name: new RegExp(`^Open follow-up take ${index + 1} of`) })).toBeVisible();
  }
  await expectNoSeriousAxeViolations(page, 'History with follow-up takes');

  // Search finds a follow-up take by its words, and says its answer is not among the results.
  const search = history.getByRole('searchbox', { name: 'Search transcripts' });
  await search.fill('retirement notice');
  await expect(history.getByRole('status').filter({ hasText: 'match' })).toHaveText('1 take match “retirement notice”');
  await expect(rows.nth(1)).toContainText(`Follow-up (its answer is not listed): ${FIRST_FOLLOW_UP}`);
  await search.fill('');
  await expect(rows).toHaveCount(4);

  // Compare: the answer and a follow-up cannot be compared; two takes of the same follow-up can.
  const boxes = history.getByRole('list', { name: 'Takes' }).getByRole('checkbox');
  const selection = history.getByRole('group', { name: 'Selected takes', exact: true });
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await expect(selection.getByRole('button', { name: 'Compare' })).toBeDisabled();
  await expect(selection).toContainText('Select two takes of the same question, or of the same follow-up, to compare them.');
  await boxes.nth(0).uncheck();
  await boxes.nth(2).check();
  await selection.getByRole('button', { name: 'Compare' }).click();
  const compare = page.getByRole('region', { name: 'Compare attempts' });
  await expect(compare).toContainText(FIRST_FOLLOW_UP);
  expect((await compare.locator('ins').allTextContents()).join(' ')).toContain('post a retirement notice with a deadline');
  await selection.getByRole('button', { name: 'Clear selection' }).click();

  // Open the follow-up take: reviewed against the follow-up, saying what it followed; exported saying so too.
  await history.getByRole('button', { name: /^Open follow-up take 2 of/ }).click();
  const opened = page.getByRole('region', { name: new RegExp(FIRST_FOLLOW_UP.replace(/[?]/g, '\\?')) });
  await expect(opened).toContainText(`Follow-up to your answer of`);
  await expect(opened).toContainText(`to “${QUESTION.text}”`);
  await expect(opened.getByRole('heading', { name: 'How it sounded' })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'an opened follow-up take');
  const exporter = opened.getByRole('group', { name: 'Export this take' });
  const exportAs = async (label: string): Promise<string> => {
    await exporter.getByLabel('Export as').selectOption({ label });
    await exporter.getByRole('button', { name: 'Export' }).click();
    const status = exporter.getByRole('status');
    await expect(status).toHaveText(/^Saved to /);
    return fs.readFile(((await status.textContent()) ?? '').replace(/^Saved to /, ''), 'utf8');
  };
  const md = await exportAs('Markdown');
  expect(md.split('\n')[0]).toBe(`# ${FIRST_FOLLOW_UP}`);
  expect(md).toContain(`_Follow-up to “${QUESTION.text}” (answer of `);
  expect(md).toContain('Target: 45 s');
  const json = JSON.parse(await exportAs('JSON (word timing)')) as { question: { id: string }; followUpOf: { takeId: string } };
  expect(json.question.id).toBe(`${QUESTION.id}/${QUESTION.followUps[0]?.id}`);
  expect(json.followUpOf.takeId).toBe(answer.takeId);
  expect(path.basename((await exporter.getByRole('status').textContent()) ?? '')).toContain(`${QUESTION.id}-${QUESTION.followUps[0]?.id}`);
});

test('a mock loop asks a follow-up after a team-interview answer, and the summary lists it under the answer', async ({ app }) => {
  test.setTimeout(120_000);
  const { page } = app;
  await page.getByRole('button', { name: 'Mock loop' }).click();
  await page.getByLabel('Team interviews', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Start mock loop' }).click();
  const progress = page.getByRole('navigation', { name: 'Loop progress' }).getByRole('listitem');
  // The two screens ask no follow-up: move on without answering.
  for (let step = 0; step < 4; step++) {
    await expect(progress.nth(step)).toHaveAttribute('aria-current', 'step');
    await page.getByRole('button', { name: 'Next question' }).click();
  }
  await expect(progress.nth(4)).toContainText('Team interview 1 of 3');
  // The step is current (not only listed) before its question is read.
  await expect(progress.nth(4)).toHaveAttribute('aria-current', 'step');
  const heading = page.locator('#question-text');
  const asked = (await heading.textContent()) ?? '';
  const question = bundled.questions.find((q) => q.text === asked);
  expect(question?.stage).toBe('team-interview');
  await expect(page.getByText('The interviewer follows up')).toHaveCount(0);

  await recordAnswer(page, 1200);
  // Once the answer is saved, the interviewer follows up on it: one of that question's follow-ups.
  await expect(page.getByText('The interviewer follows up on your answer.')).toBeVisible();
  await expect(heading).not.toHaveText(asked);
  await expect(heading).toBeFocused();
  const followUp = (await heading.textContent()) ?? '';
  expect(question?.followUps.map((f) => f.text)).toContain(followUp);
  await expect(page.locator('.question-card')).toContainText(/target (0:30|0:45|1:00)/);
  await expectNoSeriousAxeViolations(page, 'a follow-up in a mock loop');
  await recordTake(page, 1200);
  await expect(heading).toHaveText(followUp);

  await page.getByRole('button', { name: 'End loop early' }).click();
  const summary = page.getByRole('region', { name: 'Loop summary' });
  const rows = summary.getByRole('table').getByRole('row');
  const answered = rows.filter({ has: page.getByRole('rowheader', { name: 'Team interview 1 of 3', exact: true }) });
  await expect(answered).toContainText(asked);
  await expect(answered.getByRole('cell').nth(1)).toContainText(/^0:0[1-3] of /);
  const followed = rows.filter({ has: page.getByRole('rowheader', { name: 'Team interview 1 of 3 · follow-up' }) });
  await expect(followed).toContainText(followUp);
  await expect(followed.getByRole('cell').nth(1)).toContainText(/^0:0[1-3] of (0:30|0:45|1:00) \(\d+ s under\)$/);
  await expect(summary).toContainText('2 of 8 questions answered');
});
