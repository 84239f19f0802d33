// The process that writes takes dies in the middle of one: after a restart the take is back in the
// list, marked recovered, holding everything said up to (at most 2 s before) the crash.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures';
import { elapsedMs, startRecording, waitForElapsed } from './support/app-page';
import { compareSpeech } from './support/audio-compare';

// This spec examines the recorded WAV itself: keep it, rather than let it become Ogg Opus once transcribed
// (compact-audio.spec.ts covers that).
test.use({ appEnv: { REHEARSE_COMPRESS_AUDIO: 'off' } });

test('a take interrupted by a crash is recovered with its audio up to the crash', async ({ app, fakeMic }) => {
  await startRecording(app.page);
  await waitForElapsed(app.page, Math.min(7_000, fakeMic.fedDurationMs - 3_000));
  // The app's own measure of the take so far (capture start to now; refreshed every 50 ms, so add
  // that to stay on the safe side), then the crash right after it.
  const readAt = Date.now();
  const elapsedAtReadMs = (await elapsedMs(app.page)) + 50;
  const killedAtMs = elapsedAtReadMs + (Date.now() - readAt);
  await app.kill();

  const partials = (await fs.readdir(app.recordingsDir)).filter((name) => name.endsWith('.wav.partial'));
  expect(partials).toHaveLength(1);
  const takeId = partials[0]!.replace('.wav.partial', '');

  await app.restart();
  const { page } = app;
  await expect(page.getByRole('status')).toContainText('Recovered 1 take');
  const attempt = page.locator(`[data-take-id="${takeId}"]`);
  await expect(attempt.getByText('Recovered after a crash')).toBeVisible();

  const wav = path.join(app.recordingsDir, `${takeId}.wav`);
  const first = await compareSpeech(fakeMic.source, wav);
  const lostMs = killedAtMs - first.recordedDurationMs;
  console.log(`killed ${killedAtMs} ms into the take; recovered ${first.recordedDurationMs} ms; lost ${lostMs} ms`);
  expect(lostMs).toBeLessThanOrEqual(2_000);

  // What was recovered is the speech that was said, without a gap: compare against the part of the
  // reference that the recovered file can hold.
  const heardSec = (first.recordedDurationMs - first.offsetMs) / 1000 - 0.1;
  const trimmed = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-ref-')), 'heard.wav');
  execFileSync('sox', [fakeMic.source, trimmed, 'trim', '0', heardSec.toFixed(3)]);
  const heard = await compareSpeech(trimmed, wav);
  expect(heard.segments.length).toBeGreaterThan(2);
  expect(heard.minSpeechCorrelation).toBeGreaterThanOrEqual(0.95);

  // And it plays.
  const audio = attempt.locator('audio');
  await audio.evaluate((element: HTMLAudioElement) => element.play());
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.3);
});
