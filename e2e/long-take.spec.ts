// A long answer: chunks are transcribed while the person is still speaking (the engine busy on both
// cores), the recording drops nothing meanwhile, and after Stop only the tail is left to transcribe.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TranscriptionState } from '../electron/shared/contract';
import { DEFAULT_FAKE_MIC, expect, test as base, type FakeMic } from './fixtures';
import { elapsedMs, startRecording, waitForElapsed } from './support/app-page';
import { compareSpeech, padWithSilence } from './support/audio-compare';
import { invokeRaw } from './support/raw-contract';

/** About 72 s of speech: the fed speech six times, a second of silence after each. */
async function longAnswer(source: string): Promise<FakeMic> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-long-'));
  const speech = path.join(dir, 'speech16k.wav');
  execFileSync('sox', [source, '-r', '16000', '-c', '1', '-b', '16', speech, 'pad', '0', '1']);
  const long = path.join(dir, 'long.wav');
  execFileSync('sox', [...Array<string>(6).fill(speech), long]);
  const fed = path.join(dir, 'fed.wav');
  await padWithSilence(long, fed, 0.5, 3);
  return { source: long, fed, fedDurationMs: Math.round(Number(execFileSync('soxi', ['-D', fed], { encoding: 'utf8' })) * 1000) };
}

const test = base.extend({
  fakeMic: async ({}, use) => use(await longAnswer(path.resolve(process.env.REHEARSE_FAKE_MIC ?? DEFAULT_FAKE_MIC))),
});

test('a long answer is transcribed while it is spoken, without a gap in the recording', async ({ app, fakeMic }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await startRecording(page);
  const takeId = await page.locator('[data-take-id]').first().getAttribute('data-take-id');
  if (!takeId) throw new Error('no take listed while recording');

  // Once the first ~30 s chunk has closed at a pause, it is transcribed while recording goes on.
  await waitForElapsed(page, 45_000);
  const during = (await invokeRaw(app, 'transcription.get', { takeId })).value as TranscriptionState;
  console.log(`at ${await elapsedMs(page)} ms into the take: transcription ${during.status}, ${during.progress} %`);
  expect(during.progress).toBeGreaterThan(0);

  await waitForElapsed(page, fakeMic.fedDurationMs);
  await page.getByRole('button', { name: 'Stop' }).click();
  const attempt = page.locator(`[data-take-id="${takeId}"]`);
  await expect(attempt.getByText('Saved')).toBeVisible({ timeout: 30_000 });
  await expect(attempt.getByText('No speech recognised in this take.')).toBeVisible({ timeout: 60_000 });
  const done = (await invokeRaw(app, 'transcription.get', { takeId })).value as TranscriptionState;
  console.log(`transcript final ${done.afterStopMs} ms after Stop`);
  expect(done.status).toBe('done');
  // Only the tail (at most one ~30 s chunk) is left after Stop; the whole take would take several.
  expect(done.afterStopMs).toBeLessThan(15_000);

  const result = await compareSpeech(fakeMic.source, path.join(app.recordingsDir, `${takeId}.wav`));
  console.log(`min segment correlation ${result.minSpeechCorrelation.toFixed(4)} over ${result.segments.length} segments`);
  expect(result.segments.length).toBeGreaterThan(50);
  expect(result.minSpeechCorrelation).toBeGreaterThanOrEqual(0.95);
});
