// Fillers the transcript lacks are heard in the audio, marked, played and judged by the person, and the
// numbers follow. The fake microphone plays a take of the hesitation test set (jfk.wav with an "um" the
// hand-made transcript has, and an "er" and a "hmm" it lacks; the fixture converts the FLAC to WAV with
// sox). The test speech models recognise nothing, so the take gets the set's hand-made transcript,
// shifted to where the speech landed in the recording, in main's transcripts folder and in the app's
// database (support/inject-transcript.ts), as a transcription would have left it.
import AxeBuilder from '@axe-core/playwright';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Transcript } from '../electron/shared/contract';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { compareSpeech } from './support/audio-compare';
import { dumpDb } from './support/db-dump';
import { injectTranscript } from './support/inject-transcript';

const TEST_SET = path.resolve(__dirname, '../electron/services/hesitations/__fixtures__/test-set');
interface TestTake {
  id: string;
  file: string;
  items: { kind: string; startMs: number; endMs: number; transcribed?: boolean }[];
  transcript: Transcript;
}
const take = (JSON.parse(readFileSync(path.join(TEST_SET, 'manifest.json'), 'utf8')) as { takes: TestTake[] }).takes.find(
  (candidate) => candidate.id === 'jfk-gb-f5',
) as TestTake;

test.use({ withModel: false, micFile: path.join(TEST_SET, take.file) });

function shifted(transcript: Transcript, byMs: number): Transcript {
  const shift = <T extends { startMs: number; endMs: number }>(span: T): T => ({
    ...span,
    startMs: Math.round(span.startMs + byMs),
    endMs: Math.round(span.endMs + byMs),
  });
  return { segments: transcript.segments.map((segment) => ({ ...shift(segment), words: segment.words.map(shift) })) };
}

async function expectNoSeriousViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).setLegacyMode().analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  const summary = serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

test('fillers heard in the audio are marked, played, confirmed or dismissed, and the numbers follow', async ({ app, fakeMic }) => {
  const { page } = app;
  const { takeId } = await recordTake(page, fakeMic.fedDurationMs);
  const review = page.locator(`[data-take-id="${takeId}"]`);
  const heardList = review.getByRole('region', { name: 'Heard, not in the transcript' });
  const rows = heardList.getByRole('listitem');

  // No speech model: the audio is listened to anyway, and all three inserted fillers stand on their own.
  await expect(heardList).toContainText('3 sounds heard that the transcript does not have');
  await expect(rows).toHaveCount(3);

  // Then a transcript (with the "um", without the other two), where the speech landed in the recording.
  const { offsetMs } = await compareSpeech(fakeMic.source, path.join(app.recordingsDir, `${takeId}.wav`));
  const transcript = shifted(take.transcript, offsetMs);
  const state = { takeId, status: 'done', progress: 100, transcript, error: null, errorCode: null, afterStopMs: 0 };
  await fs.mkdir(path.join(app.dataDir, 'transcripts'), { recursive: true });
  await fs.writeFile(path.join(app.dataDir, 'transcripts', `${takeId}.json`), JSON.stringify(state));
  await injectTranscript(page, takeId, transcript);

  // Judged by the transcript: the "um" is its own, the "er" and the "hmm" are heard only.
  const inserted = take.items.filter((item) => !item.transcribed).map((item) => item.startMs + offsetMs);
  await expect(heardList).toContainText('2 sounds heard that the transcript does not have: 0 counted as fillers, 0 not, 2 to check');
  await expect(rows).toHaveCount(2);
  const starts = await rows.evaluateAll((items) => items.map((item) => Number((item as HTMLElement).dataset.startMs)));
  starts.forEach((start, i) => expect(Math.abs(start - (inserted[i] ?? 0))).toBeLessThan(150));

  // Markers: one on the waveform and one between the words of the transcript for each.
  const player = review.getByRole('region', { name: 'Replay of attempt 1' });
  const words = player.getByRole('group', { name: 'Transcript of attempt 1, word by word' });
  await expect(words.getByRole('button', { name: /^Heard at / })).toHaveCount(2);
  await expect(player.locator('.replay-markers').getByRole('button', { name: /^Heard at / })).toHaveCount(2);
  await expect(words.getByRole('button', { name: /^Heard at / }).first()).toHaveText('uh?');

  // The numbers apart: the transcript's "um" counts, the heard ones do not until confirmed.
  const fillers = review
    .getByRole('region', { name: 'How it sounded' })
    .locator('.analytics-row')
    .filter({ has: page.locator('dt', { hasText: /^Fillers$/ }) })
    .locator('dd');
  await expect(fillers).toContainText(/^1 \(\d+\.\d per minute\)/);
  await expect(fillers).toContainText(/In the transcript: 1 — “um” at 0:0\d/);
  await expect(fillers).toContainText('Heard, not in the transcript: 2 — at');
  await expect(fillers).toContainText('(to check)');

  // Clicking a marker plays that moment: the audio moves there, plays it, and pauses just after it.
  const audio = player.locator('audio');
  const audioMs = () => audio.evaluate((element) => (element as HTMLAudioElement).currentTime * 1000);
  const [first, second] = starts as [number, number];
  await words
    .getByRole('button', { name: /^Heard at / })
    .first()
    .click();
  await expect.poll(audioMs, { timeout: 10_000 }).toBeGreaterThan(first + 100);
  await expect.poll(() => audio.evaluate((element) => (element as HTMLAudioElement).paused), { timeout: 10_000 }).toBe(true);
  expect(await audioMs()).toBeLessThan(first + 1500);
  // The row's Play button does the same.
  await rows
    .nth(1)
    .getByRole('button', { name: /^Play / })
    .click();
  await expect.poll(audioMs, { timeout: 10_000 }).toBeGreaterThan(second + 100);
  await expect.poll(() => audio.evaluate((element) => (element as HTMLAudioElement).paused), { timeout: 10_000 }).toBe(true);
  expect(await audioMs()).toBeLessThan(second + 1500);

  // Confirm the first: it counts at once, beside the transcript's one.
  const choice = (row: number, name: string) => rows.nth(row).getByRole('button', { name, exact: true });
  await choice(0, 'Filler').click();
  await expect(choice(0, 'Filler')).toHaveAttribute('aria-pressed', 'true');
  await expect(fillers).toContainText(/^2 \(\d+\.\d per minute\)/);
  await expect(fillers).toContainText('(counted)');
  await expect(words.getByRole('button', { name: /^Heard at / }).first()).toHaveText('uh');

  // Dismiss the second, from the keyboard: it counts nowhere; nothing is left to check.
  await choice(1, 'Not a filler').focus();
  await page.keyboard.press('Enter');
  await expect(choice(1, 'Not a filler')).toHaveAttribute('aria-pressed', 'true');
  await expect(heardList).toContainText('1 counted as fillers, 1 not, 0 to check');
  await expect(fillers).toContainText(/^2 \(/);
  await expect(fillers).toContainText('(not a filler)');

  // Changeable: a second thought counts it after all, a third takes it back.
  await choice(1, 'Filler').click();
  await expect(fillers).toContainText(/^3 \(/);
  await choice(1, 'Not a filler').click();
  await expect(fillers).toContainText(/^2 \(/);
  await expectNoSeriousViolations(page, 'a review with heard fillers judged');

  // Saved with the take: the metrics history reads, and the choices after a reload.
  const attempts = (await dumpDb(page, ['attempts'])).attempts as { id: string; metrics?: Record<string, unknown> }[];
  const metrics = attempts.find((attempt) => attempt.id === takeId)?.metrics;
  expect(metrics).toMatchObject({ fillerCount: 2, transcribedFillerCount: 1, confirmedFillerCount: 1, heardFillerCount: 0 });
  await page.reload();
  await expect(choice(0, 'Filler')).toHaveAttribute('aria-pressed', 'true');
  await expect(choice(1, 'Not a filler')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'History', exact: true }).click();
  await expect(page.getByRole('region', { name: 'History' }).locator(`[data-take-id="${takeId}"]`)).toContainText(
    `${String(metrics?.fillersPerMin)} fillers/min`,
  );
});
