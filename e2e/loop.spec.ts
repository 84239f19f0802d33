// A person runs a whole mock loop with the microphone: recruiter screen, hiring-manager screen and
// three team interviews, each followed by the interviewer's follow-up, back to back, and reads the loop
// summary of every take at the end.
import { expect, test } from './fixtures';
import { recordAnswer, recordTake } from './support/app-page';

const STAGES = [
  ['Recruiter screen · question 1 of 2', 'Recruiter screen'],
  ['Recruiter screen · question 2 of 2', 'Recruiter screen'],
  ['Hiring-manager screen · question 1 of 2', 'Hiring-manager screen'],
  ['Hiring-manager screen · question 2 of 2', 'Hiring-manager screen'],
  ['Team interview 1 of 3', 'Team interview'],
  ['Team interview 2 of 3', 'Team interview'],
  ['Team interview 3 of 3', 'Team interview'],
] as const;

test('walks a whole mock loop with the microphone and ends with a summary of every take', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.getByRole('button', { name: 'Mock loop' }).click();
  await page.getByLabel('Team interviews', { exact: true }).selectOption('3');
  await page.getByRole('button', { name: 'Start mock loop' }).click();

  const progress = page.getByRole('navigation', { name: 'Loop progress' }).getByRole('listitem');
  await expect(progress).toHaveCount(STAGES.length);
  await expect(page.getByRole('button', { name: 'Mock loop (in progress)' })).toBeVisible();

  const asked: string[] = [];
  const lengths: number[] = [];
  const followUps: string[] = [];
  for (const [index, [label, stage]] of STAGES.entries()) {
    await expect(progress.nth(index)).toHaveAttribute('aria-current', 'step');
    await expect(progress.nth(index)).toContainText(label);
    // Focus is on the new question, so a screen reader reads it and Space records.
    await expect(page.locator('#question-text')).toBeFocused();
    // The question, its stage and its target are on screen before recording.
    const card = page.locator('.question-card');
    await expect(card).toContainText(stage);
    await expect(card).toContainText(/target \d+:\d\d/);
    asked.push((await page.locator('#question-text').textContent()) ?? '');
    await expect(page.getByRole('timer', { name: 'Time to target' })).toHaveAttribute('data-phase', 'calm');

    if (stage === 'Team interview') {
      // The answer saved, the interviewer follows up on it (focus on the follow-up), and it is answered too.
      lengths.push(await recordAnswer(page, 1200));
      await expect(page.getByText('The interviewer follows up on your answer.')).toBeVisible();
      await expect(page.locator('#question-text')).not.toHaveText(asked.at(-1) ?? '');
      await expect(page.locator('#question-text')).toBeFocused();
      followUps.push((await page.locator('#question-text').textContent()) ?? '');
      lengths.push((await recordTake(page, 1200)).elapsedAtStopMs);
    } else {
      const take = await recordTake(page, 1200);
      lengths.push(take.elapsedAtStopMs);
    }
    await expect(progress.nth(index)).toHaveClass(/answered/);
    // Alternate the two ways on: the N key and the button.
    if (index % 2 === 0) await page.keyboard.press('n');
    else await page.getByRole('button', { name: index === STAGES.length - 1 ? 'Finish loop' : 'Next question' }).click();
  }
  expect(new Set(asked).size).toBe(STAGES.length);
  expect(followUps).toHaveLength(3);

  await expect(page.getByRole('heading', { name: 'Loop summary' })).toBeFocused();
  const summary = page.getByRole('region', { name: 'Loop summary' });
  // Every step's take, each team interview's follow-up in a row under it.
  const expected = STAGES.flatMap(([label, stage], index) => {
    const row = { label: label as string, text: asked[index] ?? 'missing' };
    return stage === 'Team interview' ? [row, { label: `${label} · follow-up`, text: followUps.shift() ?? 'missing' }] : [row];
  });
  await expect(summary).toContainText(`${expected.length} of ${expected.length} questions answered`);
  const rows = summary.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(expected.length + 1);
  for (const [index, { label, text }] of expected.entries()) {
    const row = rows.nth(index + 1);
    await expect(row.getByRole('rowheader')).toHaveText(label);
    await expect(row).toContainText(text);
    // Each take's length against its target, as recorded (whole seconds of a ~1.2 s take).
    await expect(row.getByRole('cell').nth(1)).toContainText(/^0:0[1-3] of \d+:\d\d \(\d+ s under\)$/);
    await expect(row).toContainText('0 of');
  }
  expect(lengths.every((ms) => ms >= 1200)).toBe(true);
  // The loop is over: the view offers a new one, and lists this one among past loops.
  await page.getByRole('button', { name: 'Back to mock loops' }).click();
  await expect(page.getByRole('button', { name: 'Start mock loop' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Summary of the loop of/ })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Mock loop', exact: true })).toBeVisible();
});
