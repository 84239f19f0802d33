// After a take: the transcript beside the question's example answer, how it sounded (analytics), and
// the culture checklist, whose ticked items link to the sentences that support them and are saved.
// The test speech models produce no words, so the take gets a hand-made word-timed transcript (see
// support/inject-transcript.ts); everything on screen is then computed by the app.
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { injectTranscript, timedTranscript } from './support/inject-transcript';
import checklist from '../resources/checklist/principles.json';

test.use({ withModel: false });

const SENTENCES = [
  'Um, I recommended the wrong vendor.',
  'I was wrong because I missed the load test.',
  'Maybe we should have waited, I guess.',
  "I'd estimate 70% confidence and it was reversible.",
];

function item(id: string): string {
  const found = checklist.principles.flatMap((principle) => principle.items).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no checklist item ${id}`);
  return found.text;
}

test('a take is reviewed with its analytics, the example answer and a checklist whose evidence is saved', async ({ app }) => {
  const { page } = app;
  await expect(page.getByRole('heading', { level: 2, name: /turned out to be wrong/ })).toBeVisible();
  const { takeId } = await recordTake(page, 1500);
  // 30 words, 300 ms each, 100 ms apart, from 1.0 s, with 2.5 s of silence before the 16th word:
  // speech 1000-15400 ms → 14.4 s, 125.0 wpm; one filler → 4.2 per minute; one long pause.
  await injectTranscript(page, takeId, timedTranscript(SENTENCES, 1000, { 15: 2500 }));

  const take = page.locator(`[data-take-id="${takeId}"]`);
  // The transcript is shown once: word by word in the replay player, beside the example answer.
  await expect(take.getByRole('group', { name: 'Transcript of attempt 1, word by word' })).toContainText(
    'I was wrong because I missed the load test.',
  );
  await expect(take.getByRole('region', { name: 'Transcript', exact: true })).toHaveCount(0);
  await expect(take.getByRole('region', { name: 'Example answer' })).toBeVisible();

  const analytics = take.getByRole('region', { name: 'How it sounded' });
  const value = (term: string) =>
    analytics
      .locator('.analytics-row')
      .filter({ has: page.locator('dt', { hasText: term }) })
      .locator('dd');
  await expect(value('Words')).toContainText('30');
  await expect(value('Speaking time')).toContainText('14.4 s');
  await expect(value('Pace')).toContainText('125 words per minute');
  await expect(value('Pace')).toContainText('within the reference range');
  await expect(value('Fillers')).toContainText('1 (4.2 per minute)');
  await expect(value('Long pauses')).toContainText('1');
  await expect(value('Long pauses')).toContainText('2.6 s at 0:06');
  await expect(value('Think time')).toContainText('1.0 s');
  await expect(value('Vague hedges')).toContainText('2');
  await expect(value('Calibrated uncertainty')).toContainText('reversible');
  await expect(analytics).toContainText('Reference ranges');

  const panel = take.getByRole('region', { name: 'Culture checklist' });
  // Only the principles the question probes are shown first; the rest are one click away.
  await expect(panel.getByRole('group', { name: 'Intellectual honesty over self-promotion' })).toBeVisible();
  await expect(panel.getByRole('group', { name: 'Thinking at scale' })).toHaveCount(0);
  await panel.getByRole('button', { name: /^Show all principles/ }).click();
  await expect(panel.getByRole('group', { name: 'Thinking at scale' })).toBeVisible();
  await panel.getByRole('button', { name: 'Show fewer' }).click();

  // A cue phrase suggests the sentence; attaching it ticks the item.
  const named = item('intellectual-honesty.named-mistake');
  await expect(panel.getByText('Suggested from your transcript')).not.toHaveCount(0);
  await panel.getByRole('button', { name: `Attach suggested sentence to: ${named}` }).click();
  await expect(panel.getByRole('checkbox', { name: named })).toBeChecked();
  await expect(panel.getByRole('button', { name: `Remove evidence from: ${named}` })).toBeVisible();

  // Tick another by hand, then attach a sentence by clicking it in the picker.
  const cost = item('intellectual-honesty.gave-the-cost');
  await panel.getByRole('checkbox', { name: cost }).check();
  await panel.getByRole('button', { name: `Attach a sentence to: ${cost}` }).click();
  const picker = panel.getByRole('group', { name: `Choose a sentence for: ${cost}` });
  await picker.getByRole('button', { name: /Um, I recommended the wrong vendor\./ }).click();
  await expect(panel).toContainText('2 of');
  await expect(panel).toContainText('2 with evidence');

  // Saved with the take: it is all there after a reload.
  await page.reload();
  const again = page.locator(`[data-take-id="${takeId}"]`).getByRole('region', { name: 'Culture checklist' });
  await expect(again.getByRole('checkbox', { name: named })).toBeChecked();
  await expect(again.getByRole('checkbox', { name: cost })).toBeChecked();
  await expect(again).toContainText('I was wrong because I missed the load test.');
  await expect(again).toContainText('Um, I recommended the wrong vendor.');
  await expect(again).toContainText('2 with evidence');
});
