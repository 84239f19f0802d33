// Once a take's transcript is saved, main replaces its WAV by a small Ogg Opus file. The person notices
// nothing but the disk space: the take still replays (waveform, Range requests, its full length), it can
// be transcribed again from the compressed audio, and it is deleted for good with its Opus file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { invokeRaw } from './support/raw-contract';

const present = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  );

test('a transcribed take is kept as Ogg Opus, still replays, transcribes again and deletes', async ({ app }) => {
  const { page } = app;
  const { takeId } = await recordTake(page, 6_500);
  const attempt = page.locator(`[data-take-id="${takeId}"]`);
  await expect(
    attempt.getByRole('region', { name: 'Transcript', exact: true }).getByText('No speech recognised in this take.'),
  ).toBeVisible({ timeout: 120_000 }); // the real engine at full cost, on two shared cores

  // The WAV stays until the Opus file is written, verified and in place; then only the Opus file is left.
  const wav = path.join(app.recordingsDir, `${takeId}.wav`);
  const opus = path.join(app.recordingsDir, `${takeId}.opus`);
  await expect.poll(async () => [await present(wav), await present(opus)], { timeout: 30_000 }).toEqual([false, true]);
  const meta = JSON.parse(await fs.readFile(path.join(app.recordingsDir, `${takeId}.json`), 'utf8')) as { durationMs: number };
  const kbPerMinute = (await fs.stat(opus)).size / 1024 / (meta.durationMs / 60_000);
  console.log(`compressed take: ${meta.durationMs} ms, ${kbPerMinute.toFixed(0)} KB per minute`);
  expect(kbPerMinute).toBeLessThan(300);
  expect(Math.abs(meta.durationMs - 6_500)).toBeLessThan(1_000);

  // After a reload (the renderer's record still names the .wav) it plays in full, streamed by range.
  await page.reload();
  const player = attempt.getByRole('region', { name: 'Replay of attempt 1' });
  await expect(player.getByText(/Loading the waveform/)).toHaveCount(0, { timeout: 15_000 });
  await expect(player.getByRole('alert')).toHaveCount(0);
  const wave = player.getByRole('slider', { name: 'Position in attempt 1' });
  await expect
    .poll(() => wave.evaluate((element) => element.firstElementChild?.shadowRoot?.querySelectorAll('canvas').length ?? 0))
    .toBeGreaterThan(0);
  const audio = attempt.locator('audio');
  const ranged = await page.evaluate(
    async (src) => {
      const response = await fetch(src, { headers: { Range: 'bytes=0-3' } });
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { status: response.status, type: response.headers.get('content-type'), magic: String.fromCharCode(...bytes) };
    },
    (await audio.getAttribute('src')) ?? '',
  );
  expect(ranged).toEqual({ status: 206, type: 'audio/ogg; codecs=opus', magic: 'OggS' });
  await audio.evaluate((element: HTMLAudioElement) => element.play());
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.5);
  const playerMs = (await audio.evaluate((element: HTMLAudioElement) => element.duration)) * 1000;
  expect(Math.abs(playerMs - meta.durationMs)).toBeLessThan(50);
  await audio.evaluate((element: HTMLAudioElement) => element.pause());

  // Transcribed again by the real engine, from the Opus file decoded back to 16 kHz.
  expect(await invokeRaw(app, 'transcription.retry', { takeId })).toMatchObject({ ok: true });
  await expect
    .poll(async () => ((await invokeRaw(app, 'transcription.get', { takeId })).value as { status?: string } | undefined)?.status, {
      timeout: 60_000,
    })
    .toBe('done');

  // Deleted for good: the Opus file goes with the rest.
  expect(await invokeRaw(app, 'recordings.delete', { takeIds: [takeId] })).toMatchObject({ ok: true, value: { deleted: 1 } });
  expect((await fs.readdir(app.recordingsDir)).filter((name) => name.startsWith(takeId))).toEqual([]);
});
