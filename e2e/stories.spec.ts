// The story bank: a person writes a story (nudged when its result has no number), links it to a question
// from the suggestions by principle, sees it as a cue card before recording (hidden while recording
// unless kept), records with the fake microphone, notes the story told, and sees it counted in History;
// the story travels in a backup and in an exported pack file. Every new screen passes axe.
import AxeBuilder from '@axe-core/playwright';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordButton, restoreFromExports, startRecording, waitForElapsed } from './support/app-page';
import { deleteDb } from './support/db-dump';

test.use({ withModel: false });

const TITLE = 'The wrong vendor';

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

function storiesView(page: Page) {
  return page.getByRole('region', { name: 'Stories', exact: true });
}

async function openStories(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Stories', exact: true }).click();
  return storiesView(page);
}

async function openHistory(page: Page) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'History', exact: true }).click();
  return page.getByRole('region', { name: 'History' });
}

/** Writes the story with the keyboard-reachable form, checking the nudge for a result without a number. */
async function writeStory(page: Page): Promise<void> {
  const view = await openStories(page);
  await expect(view.getByText('No stories yet.')).toBeVisible();
  await expectNoSeriousViolations(page, 'the empty Stories view');

  await view.getByRole('button', { name: 'Add a story' }).click();
  const editor = page.getByRole('form', { name: 'Story editor' });
  await expect(editor.getByLabel('Title')).toBeFocused();
  // An empty story says what is wrong, on the field, and saves nothing.
  await editor.getByRole('button', { name: 'Save story' }).click();
  await expect(editor.getByLabel('Title')).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByLabel('Title')).toBeFocused();
  await expect(editor).toContainText('Tick at least one principle this story shows.');

  await editor.getByLabel('Title').fill(TITLE);
  await editor.getByLabel('Situation').fill('We had a week to pick a payments vendor.');
  await editor.getByLabel('What you did').fill('I recommended one without a load test, then said so in the review.');
  await editor.getByLabel('Result').fill('The team trusted the next estimate more.');
  // A result without a number: a nudge, read with the field, never a block.
  const nudge = editor.getByText(/^No number in the result yet\./);
  await expect(nudge).toBeVisible();
  await expect(editor.getByLabel('Result')).toHaveAccessibleDescription(/No number in the result yet/);
  await editor.getByRole('group', { name: 'Principles it shows' }).getByRole('checkbox', { name: 'Candour and feedback' }).check();
  await editor
    .getByRole('group', { name: 'Principles it shows' })
    .getByRole('checkbox', { name: 'Intellectual honesty over self-promotion' })
    .check();
  await expectNoSeriousViolations(page, 'the story editor');
  await editor.getByLabel('Result').fill('We lost two weeks; since then every team load-tests a vendor first, 6 of 6 so far.');
  await expect(nudge).toHaveCount(0);
  await editor.getByRole('button', { name: 'Save story' }).click();
  await expect(view.getByRole('status')).toHaveText('Story added.');
  await expect(view.getByRole('button', { name: 'Add a story' })).toBeFocused();

  const item = view.getByRole('list', { name: 'Your stories' }).getByRole('listitem').filter({ hasText: TITLE });
  await expect(item).toContainText('Shows: Intellectual honesty over self-promotion, Candour and feedback');
  await expect(item).toContainText('Not linked to a question yet.');
  await expect(view).toContainText(/Principles no story covers yet: Judgement under uncertainty, .*Directness over polish/);
  await expect(view.getByText(/Principles no story covers yet/)).not.toContainText('Candour');
  await expectNoSeriousViolations(page, 'the Stories view with a story');
}

async function stopAndWaitSaved(page: Page, count: number): Promise<string> {
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled({ timeout: 30_000 });
  const attempts = page.getByRole('list', { name: 'Attempts' }).locator(':scope > li');
  await expect(attempts).toHaveCount(count);
  await expect(attempts.first().getByText('Saved')).toBeVisible();
  return (await attempts.first().getAttribute('data-take-id')) ?? '';
}

test('write a story, link it, see the cue card, record, note the story and see it in History; a backup restores it', async ({ app }) => {
  const { page } = app;
  await writeStory(page);

  // Practise the first question ("a decision that turned out wrong": intellectual honesty, candour).
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Practise' }).click();
  await expect(page.getByRole('heading', { level: 2, name: /turned out to be wrong/ })).toBeVisible();
  const empty = page.getByRole('region', { name: 'No story linked to this question' });
  await expect(empty).toContainText(`${TITLE} shares Intellectual honesty over self-promotion, Candour and feedback`);
  await expectNoSeriousViolations(page, 'the practice screen with a suggested story');
  await empty.getByRole('button', { name: `Link “${TITLE}”` }).click();

  const cue = page.getByRole('region', { name: 'Your story for this question' });
  await expect(cue.getByRole('heading', { name: TITLE })).toBeVisible();
  await expect(cue).toContainText('6 of 6 so far');
  await expectNoSeriousViolations(page, 'the practice screen with the cue card');

  // While recording the card is hidden, unless the person keeps it.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await startRecording(page);
  await expect(cue).toHaveCount(0);
  await expect(page.getByText('Your story cue is hidden while you record.')).toBeVisible();
  await waitForElapsed(page, 1500);
  const firstTake = await stopAndWaitSaved(page, 1);
  await expect(cue.getByRole('heading', { name: TITLE })).toBeVisible();

  await cue.getByRole('checkbox', { name: 'Keep visible while recording' }).check();
  await recordButton(page).click();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(cue.getByRole('heading', { name: TITLE })).toBeVisible();
  await waitForElapsed(page, 1500);
  const secondTake = await stopAndWaitSaved(page, 2);
  // The choice to keep it is remembered.
  await page.reload();
  await expect(page.getByRole('region', { name: 'Your story for this question' }).getByRole('checkbox')).toBeChecked();

  // After the take: note the story told (the newest take's review is open).
  const review = page.locator(`[data-take-id="${secondTake}"]`);
  const told = review.getByLabel('Story you told');
  await expect(told).toHaveValue('');
  await told.selectOption({ label: TITLE });
  await expect(told).toHaveValue(/^story-/);
  await expectNoSeriousViolations(page, 'the take review with the story noted');
  await page.reload();
  await expect(page.locator(`[data-take-id="${secondTake}"]`).getByLabel('Story you told')).toHaveValue(/^story-/);

  // History counts it, and says which principles no story covers yet.
  let history = await openHistory(page);
  const usage = history.getByRole('region', { name: 'Your stories' });
  await expect(usage.getByRole('list', { name: 'How often each story was told' })).toContainText(`${TITLE} told in 1 take, last`);
  await expect(usage).toContainText('Principles no story covers yet: Judgement under uncertainty');
  await expectNoSeriousViolations(page, 'History with story usage');
  expect(firstTake).not.toBe(secondTake);

  // The backup carries the story, its link and the note on the take.
  await history.getByRole('button', { name: 'Back up everything…' }).click();
  const done = history.getByRole('status').filter({ hasText: /^Backed up/ });
  await expect(done).toHaveText(/^Backed up 2 takes to .*\.zip$/);
  const zip = ((await done.textContent()) ?? '').replace(/^Backed up 2 takes to /, '');
  const backupCopy = path.join(path.dirname(app.dataDir), `${path.basename(app.dataDir)}-stories-backup.zip`);
  await fs.copyFile(zip, backupCopy);
  const records = JSON.parse(Buffer.from(unzipSync(await fs.readFile(backupCopy))['records.json'] ?? []).toString('utf8')) as {
    stories: { id: string; title: string; questionIds: string[] }[];
    attempts: { id: string; storyId?: string }[];
  };
  expect(records.stories.map((s) => [s.title, s.questionIds])).toEqual([[TITLE, ['starter-wrong-decision']]]);
  expect(records.attempts.find((a) => a.id === secondTake)?.storyId).toBe(records.stories[0]?.id);

  // Restored into a wiped app, the story, its link and its count come back.
  await app.kill();
  await fs.rm(app.recordingsDir, { recursive: true, force: true });
  await fs.rm(path.join(app.dataDir, 'transcripts'), { recursive: true, force: true });
  await fs.rm(path.join(app.dataDir, 'exports'), { recursive: true, force: true });
  await deleteDb(page);
  await app.restart();
  history = await openHistory(page);
  await expect(history.getByRole('region', { name: 'Your stories' })).toContainText('No stories yet');
  // The browser host restores the zips in its exports folder (main reads the file, not the page).
  await fs.mkdir(path.join(app.dataDir, 'exports'), { recursive: true });
  await fs.copyFile(backupCopy, path.join(app.dataDir, 'exports', 'stories backup.zip'));
  await restoreFromExports(page, 'stories backup.zip');
  await expect(page.getByRole('status').filter({ hasText: /^Restored/ })).toHaveText('Restored 2 takes and 1 story.');
  await expect(history.getByRole('region', { name: 'Your stories' })).toContainText(`${TITLE} told in 1 take`);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Practise' }).click();
  await expect(page.getByRole('region', { name: 'Your story for this question' }).getByRole('heading', { name: TITLE })).toBeVisible();
  await fs.rm(backupCopy, { force: true });
});

test('stories export as a pack file that imports back; a malformed file is refused naming the field', async ({ app }) => {
  const { page } = app;
  await writeStory(page);
  const view = storiesView(page);

  // Link it from the Stories view: questions probing what the story shows are suggested first.
  const item = view.getByRole('list', { name: 'Your stories' }).getByRole('listitem').filter({ hasText: TITLE });
  const choose = item.getByLabel('Link to a question');
  const suggested = choose.locator('optgroup[label="Suggested: probes what this story shows"] option');
  await expect(suggested.first()).toHaveText(/turned out to be wrong.*\(Intellectual honesty over self-promotion, Candour and feedback\)$/);
  await choose.selectOption({ index: 1 });
  await item.getByRole('button', { name: 'Link', exact: true }).click();
  await expect(item).toContainText('Linked to:');
  await expect(item.getByRole('button', { name: /^Unlink from “Tell me about a decision/ })).toBeVisible();
  await expect(choose.locator('option', { hasText: 'turned out to be wrong' })).toHaveCount(0);
  await expectNoSeriousViolations(page, 'the Stories view with a linked story');

  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Export stories' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('my-stories-v1.json');
  const text = await fs.readFile(await file.path(), 'utf8');
  const pack = JSON.parse(text) as { questions: unknown[]; stories: Record<string, unknown>[] };
  expect(pack.questions).toEqual([]);
  expect(pack.stories.map((s) => [s.title, s.questionIds])).toEqual([[TITLE, ['starter-wrong-decision']]]);

  // Delete it (with a confirmation), then bring it back from the file, link included.
  await item.getByRole('button', { name: 'Delete' }).click();
  await expect(item.getByRole('button', { name: 'Keep' })).toBeFocused();
  await expectNoSeriousViolations(page, 'the delete confirmation');
  await item.getByRole('group').getByRole('button', { name: 'Delete' }).click();
  await expect(view.getByRole('status')).toHaveText('Story deleted.');
  await expect(view.getByText('No stories yet.')).toBeVisible();

  const broken = structuredClone(pack);
  (broken.stories[0] as Record<string, unknown>).principles = ['charm'];
  await page
    .getByLabel('Stories file')
    .setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(view.getByRole('alert')).toContainText('stories.0.principles');
  await expect(view.getByRole('alert')).toContainText('Nothing was imported.');
  await expect(view.getByText('No stories yet.')).toBeVisible();

  await page
    .getByLabel('Stories file')
    .setInputFiles({ name: 'my-stories-v1.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(view.getByRole('status')).toHaveText('Imported “My stories”: 1 story added, 0 replaced.');
  await expect(view.getByRole('list', { name: 'Your stories' })).toContainText(TITLE);
  await expect(item.getByRole('button', { name: /^Unlink from “Tell me about a decision/ })).toBeVisible();
  await item.getByRole('button', { name: /^Unlink from/ }).click();
  await expect(item).toContainText('Not linked to a question yet.');
});
