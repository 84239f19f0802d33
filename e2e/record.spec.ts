// A person records an answer: the take on disk is the same speech they said, with nothing dropped,
// also while the CPU is busy (transcription will run alongside), and it plays back in the app.
import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { compareSpeech } from './support/audio-compare';

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
    const result = await compareSpeech(fakeMic.source, wav);
    console.log(`duration ${result.recordedDurationMs} ms vs ${take.elapsedAtStopMs} ms at Stop; offset ${result.offsetMs.toFixed(1)} ms; min segment correlation ${result.minSpeechCorrelation.toFixed(4)} over ${result.segments.length} segments`);
    expect(result.recordedSampleRate).toBe(16_000);
    expect(result.recordedChannels).toBe(1);
    expect(Math.abs(result.recordedDurationMs - take.elapsedAtStopMs) / take.elapsedAtStopMs).toBeLessThan(0.02);
    expect(result.segments.length).toBeGreaterThanOrEqual(Math.floor(result.referenceDurationMs / 1000) - 2);
    expect(result.minSpeechCorrelation).toBeGreaterThanOrEqual(0.95);

    // It plays back in the app, and its audio is served with Range support.
    // Gaps in the capture's own timestamps are shown on the take. Chromium's fake device can skip
    // clock ticks under load while its audio stays continuous (the correlation above is the proof that
    // nothing the device delivered was dropped by us), so the spec checks the app tells the truth
    // about them rather than that there are none.
    const attempt = page.locator(`[data-take-id="${take.takeId}"]`);
    const meta = JSON.parse(await fs.readFile(path.join(app.recordingsDir, `${take.takeId}.json`), 'utf8')) as { gaps: { gapMs: number }[] };
    const droppedMs = meta.gaps.reduce((sum, gap) => sum + gap.gapMs, 0);
    console.log(`capture timestamp gaps: ${meta.gaps.length} (${droppedMs} ms)`);
    if (droppedMs > 0) await expect(attempt.getByText(`The capture dropped ${droppedMs} ms`)).toBeVisible();
    else await expect(attempt.getByText(/dropped/i)).toHaveCount(0);
    const audio = attempt.locator('audio');
    const ranged = await page.evaluate(async (src) => {
      const response = await fetch(src, { headers: { Range: 'bytes=0-43' } });
      return { status: response.status, bytes: (await response.arrayBuffer()).byteLength, range: response.headers.get('content-range') };
    }, (await audio.getAttribute('src')) ?? '');
    expect(ranged).toMatchObject({ status: 206, bytes: 44 });
    expect(ranged.range).toMatch(/^bytes 0-43\/\d+$/);
    await audio.evaluate((element: HTMLAudioElement) => element.play());
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.5);
    const playerDuration = await audio.evaluate((element: HTMLAudioElement) => element.duration);
    expect(Math.abs(playerDuration * 1000 - result.recordedDurationMs)).toBeLessThan(50);
  });
}
