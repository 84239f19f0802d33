// A person records an answer: the take on disk is the same speech they said, with nothing dropped,
// also while the CPU is busy (transcription will run alongside), and it plays back in the app.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { compareSpeech } from './support/audio-compare';

// This spec examines the recorded WAV itself: keep it, rather than let it become Ogg Opus once transcribed
// (compact-audio.spec.ts covers that).
test.use({ appEnv: { REHEARSE_COMPRESS_AUDIO: 'off' } });

/** Busy loops on every core for a bounded time, stopped by the test (or by themselves). */
function loadAllCores(seconds: number): ChildProcess[] {
  const script = `const end = Date.now() + ${seconds * 1000}; let x = 0; while (Date.now() < end) { x += Math.sqrt(x + 1); }`;
  return Array.from({ length: 2 }, () => spawn(process.execPath, ['-e', script], { stdio: 'ignore' }));
}

for (const load of [false, true]) {
  test(`records the fed speech to a 16 kHz mono WAV without a gap${load ? ' while every core is busy' : ''}`, async ({ app, fakeMic }) => {
    const { page } = app;
    await expect(page.getByRole('heading', { level: 2, name: /wrong/ })).toBeVisible();
    const burners = load ? loadAllCores(Math.ceil(fakeMic.fedDurationMs / 1000) + 20) : [];
    let take: { takeId: string; elapsedAtStopMs: number };
    try {
      take = await recordTake(page, fakeMic.fedDurationMs);
    } finally {
      burners.forEach((burner) => burner.kill());
    }

    const wav = path.join(app.recordingsDir, `${take.takeId}.wav`);
    // Gaps in the capture's own timestamps are shown on the take. Chromium's fake device skips clock
    // ticks under load while the speech it plays stays continuous (the correlation below proves nothing
    // it delivered was dropped on our side), so the spec checks that the app accounts for them honestly
    // rather than that there are none.
    const meta = JSON.parse(await fs.readFile(path.join(app.recordingsDir, `${take.takeId}.json`), 'utf8')) as {
      gaps: { gapMs: number }[];
    };
    const droppedMs = Math.round(meta.gaps.reduce((sum, gap) => sum + gap.gapMs, 0));
    console.log(`capture timestamp gaps: ${meta.gaps.length} (${droppedMs} ms)`);
    const result = await compareSpeech(fakeMic.source, wav);
    console.log(
      `duration ${result.recordedDurationMs} ms vs ${take.elapsedAtStopMs} ms at Stop; offset ${result.offsetMs.toFixed(1)} ms; min segment correlation ${result.minSpeechCorrelation.toFixed(4)} over ${result.segments.length} segments`,
    );
    expect(result.recordedSampleRate).toBe(16_000);
    expect(result.recordedChannels).toBe(1);
    // Everything the browser delivered over the recorded time is in the file: its length is the time
    // between Record and Stop, less what the capture itself reported skipping.
    const expectedMs = take.elapsedAtStopMs - droppedMs;
    expect(Math.abs(result.recordedDurationMs - expectedMs) / expectedMs).toBeLessThan(0.02);
    expect(result.segments.length).toBeGreaterThanOrEqual(Math.floor(result.referenceDurationMs / 1000) - 2);
    expect(result.minSpeechCorrelation).toBeGreaterThanOrEqual(0.95);

    const attempt = page.locator(`[data-take-id="${take.takeId}"]`);
    if (droppedMs > 0) await expect(attempt.getByText(`The microphone skipped ${droppedMs} ms of audio`)).toBeVisible();
    else await expect(attempt.getByText(/skipped/)).toHaveCount(0);

    // It plays back in the app, and its audio is served with Range support.
    const audio = attempt.locator('audio');
    const ranged = await page.evaluate(
      async (src) => {
        const response = await fetch(src, { headers: { Range: 'bytes=0-43' } });
        return { status: response.status, bytes: (await response.arrayBuffer()).byteLength, range: response.headers.get('content-range') };
      },
      (await audio.getAttribute('src')) ?? '',
    );
    expect(ranged).toMatchObject({ status: 206, bytes: 44 });
    expect(ranged.range).toMatch(/^bytes 0-43\/\d+$/);
    await audio.evaluate((element: HTMLAudioElement) => element.play());
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.5);
    const playerDuration = await audio.evaluate((element: HTMLAudioElement) => element.duration);
    expect(Math.abs(playerDuration * 1000 - result.recordedDurationMs)).toBeLessThan(50);

    // It is transcribed by the real engine. The test model recognises nothing, and the app says so.
    await expect(
      attempt.getByRole('region', { name: 'Transcript', exact: true }).getByText('No speech recognised in this take.'),
    ).toBeVisible({
      timeout: 60_000,
    });
  });
}
