// A person manages the question bank: adds, edits and deletes their own questions, imports a pack
// (a malformed one is refused naming the bad field, and imports nothing) and exports one.
import { promises as fs } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ withModel: false });

function bank(page: Page) {
  return page.getByRole('region', { name: 'Question bank' });
}

async function importPack(page: Page, name: string, content: string): Promise<void> {
  await page.getByLabel('Question pack file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

const GOOD_PACK = {
  id: 'friends-questions',
  title: 'Questions from a friend',
  version: 1,
  questions: [
    {
      id: 'friend-hardest-call',
      text: 'What was the hardest call you made without your manager?',
      category: 'behavioural',
      stage: 'team-interview',
      principles: ['aligned-autonomous', 'judgement-under-uncertainty'],
      targetSec: 100,
    },
    {
      id: 'friend-pay',
      text: 'What would make you walk away from an offer?',
      category: 'compensation',
      stage: 'recruiter-screen',
      principles: ['compensation-honesty'],
      targetSec: 60,
    },
  ],
};

test('adds, edits and deletes an own question; the bundled ones cannot be changed', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Question bank' }).click();
  const netflix = bank(page).getByRole('region', { name: 'Netflix loop' });
  await expect(netflix.getByRole('button', { name: 'Practise' })).toHaveCount(38);
  await expect(netflix.getByRole('button', { name: 'Edit' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Add a question' }).click();
  const editor = page.getByRole('form', { name: 'Question editor' });
  // Saving an empty question says what is wrong, on the field, and saves nothing.
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(editor.getByLabel('Question', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(editor.getByLabel('Question', { exact: true })).toBeFocused();

  await editor.getByLabel('Question', { exact: true }).fill('When did you change your mind in a meeting, and why?');
  await editor.getByLabel('Category').selectOption('behavioural');
  await expect(editor.getByLabel('Target length in seconds')).toHaveValue('105');
  await editor.getByRole('group', { name: 'Principles it probes' }).getByRole('checkbox', { name: 'Candour' }).check();
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Question added to My questions.');
  const mine = bank(page).getByRole('region', { name: 'My questions' });
  await expect(mine.getByText('When did you change your mind in a meeting, and why?')).toBeVisible();

  await mine.getByRole('button', { name: 'Edit' }).click();
  await page
    .getByRole('form', { name: 'Question editor' })
    .getByLabel('Question', { exact: true })
    .fill('When did you change your mind in public?');
  await page.getByRole('form', { name: 'Question editor' }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Changes saved.');
  await expect(mine.getByText('When did you change your mind in public?')).toBeVisible();

  // It is practised like any other, and survives a restart of the page.
  await page.reload();
  await page.getByRole('button', { name: 'Question bank' }).click();
  await bank(page).getByRole('region', { name: 'My questions' }).getByRole('button', { name: 'Practise' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'When did you change your mind in public?' })).toBeVisible();

  await page.getByRole('button', { name: 'Question bank' }).click();
  await bank(page).getByRole('region', { name: 'My questions' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByText('Delete this question?')).toBeVisible();
  await bank(page).getByRole('group').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('status')).toHaveText(/^Question deleted\./);
  await expect(bank(page).getByText('When did you change your mind in public?')).toHaveCount(0);
  await page.reload();
  await page.getByRole('button', { name: 'Question bank' }).click();
  await expect(bank(page).getByText('When did you change your mind in public?')).toHaveCount(0);
});

test('imports a pack, refuses a malformed one naming the bad field, and exports a pack that imports back', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Question bank' }).click();
  const practiseButtons = bank(page).getByRole('button', { name: 'Practise' });
  await expect(practiseButtons).toHaveCount(38);

  // A malformed pack: the message names the field, and nothing at all is imported.
  const broken = structuredClone(GOOD_PACK);
  (broken.questions[1] as Record<string, unknown>).stage = 'final-round';
  await importPack(page, 'broken.json', JSON.stringify(broken));
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('questions.1.stage');
  await expect(alert).toContainText('Nothing was imported.');
  await expect(practiseButtons).toHaveCount(38);
  await importPack(page, 'not-json.json', '{"id": "x", ');
  await expect(alert).toContainText('Not a JSON file');
  await expect(practiseButtons).toHaveCount(38);

  await importPack(page, 'friend.json', JSON.stringify(GOOD_PACK));
  await expect(page.getByRole('status')).toContainText('Imported “Questions from a friend”: 2 added, 0 replaced.');
  const imported = bank(page).getByRole('region', { name: 'Questions from a friend' });
  await expect(imported.getByRole('button', { name: 'Practise' })).toHaveCount(2);
  // Importing the same pack again replaces it: no duplicates.
  await importPack(page, 'friend.json', JSON.stringify(GOOD_PACK));
  await expect(page.getByRole('status')).toContainText('0 added, 2 replaced');
  await expect(practiseButtons).toHaveCount(40);

  const download = page.waitForEvent('download');
  await imported.getByRole('button', { name: 'Export' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('friends-questions-v1.json');
  const exported = JSON.parse(await fs.readFile(await file.path(), 'utf8')) as typeof GOOD_PACK;
  expect(exported).toEqual(GOOD_PACK);

  await imported.getByRole('button', { name: 'Practise' }).first().click();
  await expect(page.getByRole('heading', { level: 2, name: GOOD_PACK.questions[0]?.text ?? '' })).toBeVisible();
  await expect(page.locator('.question-card')).toContainText('target 1:40');
});
