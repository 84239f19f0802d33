// Replaying a take: the waveform is drawn, playback moves the highlight through the transcript in step
// with the audio, a word seeks when clicked, speed, skips and the player's keys work, and the audio
// element streams the file with Range requests. The test speech models produce no words, so the take
// gets a hand-made word-timed transcript (see support/inject-transcript.ts).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { injectTranscript, timedTranscript } from './support/inject-transcript';

test.use({ withModel: false });

const SENTENCES = ['Tell me about a time you were wrong.', 'I picked the wrong vendor.'];

interface Sample {
  /** data-time-ms of the player */
  t: number;
  /** the audio element's own time, read in the same frame */
  audioMs: number;
  /** data-current-word of the transcript */
  attr: number;
  /** data-index of the word with aria-current="true", or -1 */
  highlighted: number;
}

/** The last word started by `ms` (what the player should highlight). */
function expectedIndex(starts: number[], ms: number): number {
  let found = -1;
  starts.forEach((start, i) => {
    if (start <= ms) found = i;
  });
  return found;
}

async function timeMs(player: Locator): Promise<number> {
  return Number(await player.getAttribute('data-time-ms'));
}

/** Samples the player on every animation frame for `ms`. */
async function sample(page: Page, takeId: string, ms: number): Promise<Sample[]> {
  return page.evaluate(
    async ({ takeId, ms }) => {
      const root = document.querySelector(`[data-take-id="${takeId}"] .replay`) as HTMLElement;
      const audio = root.querySelector('audio') as HTMLAudioElement;
      const box = root.querySelector('.replay-transcript') as HTMLElement;
      const samples = [];
      const end = performance.now() + ms;
      while (performance.now() < end) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const current = root.querySelector<HTMLElement>('[aria-current="true"]');
        samples.push({
          t: Number(root.dataset.timeMs),
          audioMs: audio.currentTime * 1000,
          attr: Number(box.dataset.currentWord),
          highlighted: current ? Number(current.dataset.index) : -1,
        });
      }
      return samples;
    },
    { takeId, ms },
  );
}

/** Playback rate as the player's clock shows it, over about a second of wall time. */
async function measureRate(page: Page, takeId: string): Promise<number> {
  return page.evaluate(async (takeId) => {
    const root = document.querySelector(`[data-take-id="${takeId}"] .replay`) as HTMLElement;
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    // Let playback settle, then measure between two frames about a second apart.
    const settle = performance.now() + 250;
    while (performance.now() < settle) await frame();
    const t0 = Number(root.dataset.timeMs);
    const p0 = performance.now();
    while (performance.now() < p0 + 1000) await frame();
    return (Number(root.dataset.timeMs) - t0) / (performance.now() - p0);
  }, takeId);
}

test('a take replays with a waveform, and the transcript follows, seeks and changes speed', async ({ app }) => {
  const { page } = app;
  const mediaResponses: { status: number; range: string | null; type: string }[] = [];
  page.on('response', async (response) => {
    if (!new URL(response.url()).pathname.startsWith('/media/')) return;
    const headers = await response.request().allHeaders();
    mediaResponses.push({ status: response.status(), range: headers['range'] ?? null, type: response.request().resourceType() });
  });
  // Nothing the player does may trip the Content-Security-Policy (wavesurfer's inline stylesheet is
  // allowed by its hash; see security-policy.ts).
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  const { takeId } = await recordTake(page, 6500);
  const take = page.locator(`[data-take-id="${takeId}"]`);
  const player = take.getByRole('region', { name: 'Replay of attempt 1' });

  // Before it has a transcript the player still works and says so.
  await expect(player.getByText('No transcript for this take yet.')).toBeVisible();
  await expect(player.getByRole('button', { name: 'Play' })).toBeEnabled();

  // 13 words of 300 ms, 100 ms apart, from 0.3 s, with 0.5 s more silence before the 9th: to 5.9 s.
  const transcript = timedTranscript(SENTENCES, 300, { 8: 500 });
  const words = transcript.segments.flatMap((segment) => segment.words);
  const starts = words.map((word) => word.startMs);
  await injectTranscript(page, takeId, transcript);
  mediaResponses.length = 0;

  // The waveform: wavesurfer's canvases in its shadow root, laid out by its own stylesheet (which the
  // CSP allows by hash), across the player's width.
  await expect(player.getByText(/Loading the waveform/)).toHaveCount(0);
  await expect(player.getByRole('alert')).toHaveCount(0);
  const wave = player.getByRole('slider', { name: 'Position in attempt 1' });
  // After the reload the waveform is drawn once the audio is decoded.
  await expect
    .poll(() => wave.evaluate((element) => element.firstElementChild?.shadowRoot?.querySelectorAll('canvas').length ?? 0))
    .toBeGreaterThan(0);
  const drawn = await wave.evaluate((element) => {
    const root = element.firstElementChild?.shadowRoot;
    const canvases = [...(root?.querySelectorAll('canvas') ?? [])];
    return {
      canvases: canvases.length,
      width: Math.max(0, ...canvases.map((canvas) => canvas.getBoundingClientRect().width)),
      hostWidth: element.getBoundingClientRect().width,
      position: canvases[0] ? getComputedStyle(canvases[0]).position : '',
    };
  });
  console.log(`waveform: ${JSON.stringify(drawn)}`);
  expect(drawn.canvases).toBeGreaterThan(0);
  expect(drawn.width).toBeGreaterThan(100);
  expect(drawn.width).toBeGreaterThan(drawn.hostWidth * 0.9);
  expect(drawn.position).toBe('absolute');
  const audio = player.locator('audio');
  await expect(audio).toHaveAttribute('aria-label', 'Play attempt 1');
  const durationMs = await audio.evaluate((element: HTMLAudioElement) => element.duration * 1000);
  expect(durationMs).toBeGreaterThan(6000);
  await expect(player).toContainText(`0:00 / 0:0${Math.floor(durationMs / 1000)}`);

  const transcriptBox = player.getByRole('group', { name: 'Transcript of attempt 1, word by word' });
  const wordButtons = transcriptBox.getByRole('button');
  await expect(wordButtons).toHaveCount(words.length);
  await expect(transcriptBox).toHaveAttribute('data-current-word', '-1');
  // Only one word is a tab stop.
  await expect(transcriptBox.locator('[tabindex="0"]')).toHaveCount(1);

  // Play: time advances and the highlight moves through the words with it.
  await player.getByRole('button', { name: 'Play' }).click();
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  const samples = await sample(page, takeId, 2500);
  const times = samples.map((s) => s.t);
  expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(2000);
  let worstLagMs = 0;
  let worstClockMs = 0;
  for (const s of samples) {
    const expected = expectedIndex(starts, s.t);
    // The container's index is set in the same frame as the time. data-time-ms is rounded to whole ms, so
    // at a word's very start the exact time may still be half a millisecond before it.
    expect([expected, expectedIndex(starts, s.t - 0.5)], `at ${s.t} ms`).toContain(s.attr);
    // The highlighted word has started by now: it contains the time or precedes it (a gap) ...
    if (s.highlighted >= 0) expect(starts[s.highlighted] ?? Infinity).toBeLessThanOrEqual(s.t);
    // ... and, when it is still the previous word, only for a moment (React renders after the frame).
    if (s.highlighted !== expected) worstLagMs = Math.max(worstLagMs, s.t - (starts[expected] ?? 0));
    worstClockMs = Math.max(worstClockMs, Math.abs(s.t - s.audioMs));
  }
  const highlightedWords = new Set(samples.map((s) => s.highlighted));
  console.log(
    `sync over ${samples.length} frames: highlight lag at most ${worstLagMs.toFixed(1)} ms; player clock vs audio element at most ${worstClockMs.toFixed(1)} ms; ${highlightedWords.size} words highlighted`,
  );
  expect(worstLagMs).toBeLessThan(100);
  expect(highlightedWords.size).toBeGreaterThanOrEqual(5);

  // Clicking a later word while playing seeks there and keeps playing.
  const target = 10;
  const targetStart = starts[target] as number;
  await wordButtons.nth(target).click();
  const afterClick = await timeMs(player);
  const audioAfterClick = await audio.evaluate((element: HTMLAudioElement) => element.currentTime * 1000);
  console.log(`seek to word ${target} at ${targetStart} ms: player at ${afterClick} ms, audio element at ${audioAfterClick.toFixed(1)} ms`);
  expect(Math.abs(afterClick - targetStart)).toBeLessThan(100);
  expect(Math.abs(audioAfterClick - targetStart)).toBeLessThan(150);
  await expect(wordButtons.nth(target)).toHaveAttribute('aria-current', 'true');
  await expect(transcriptBox).toHaveAttribute('data-current-word', String(target));
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect.poll(() => timeMs(player)).toBeGreaterThan(targetStart + 200);
  await player.getByRole('button', { name: 'Pause' }).click();
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();

  // Clicking a word while paused seeks without playing.
  await wordButtons.nth(3).click();
  await expect.poll(() => timeMs(player)).toBe(starts[3]);
  await expect(wordButtons.nth(3)).toHaveAttribute('aria-current', 'true');
  await page.waitForTimeout(300);
  expect(await timeMs(player)).toBe(starts[3]);

  // Speed: 2× runs the clock about twice as fast as 1×.
  const speed = player.getByLabel('Speed');
  await expect(speed).toHaveValue('1');
  await wave.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => timeMs(player)).toBe(0);
  await page.keyboard.press('Space'); // on the waveform: play, not the practice screen's Record
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Record' })).toBeVisible();
  const rate1 = await measureRate(page, takeId);
  await page.keyboard.press('Space');
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  await speed.selectOption('2');
  await wave.focus();
  await page.keyboard.press('Home');
  await player.getByRole('button', { name: 'Play' }).click();
  const rate2 = await measureRate(page, takeId);
  await player.getByRole('button', { name: 'Pause' }).click();
  console.log(`rate at 1×: ${rate1.toFixed(3)}; at 2×: ${rate2.toFixed(3)}; ratio ${(rate2 / rate1).toFixed(3)}`);
  expect(rate1).toBeGreaterThan(0.85);
  expect(rate1).toBeLessThan(1.15);
  expect(rate2 / rate1).toBeGreaterThan(1.75);
  expect(rate2 / rate1).toBeLessThan(2.25);
  expect(await audio.evaluate((element: HTMLAudioElement) => element.playbackRate)).toBe(2);

  // Back and Forward 5 s, clamped at the start and the end.
  await wave.focus();
  await page.keyboard.press('Home');
  await expect.poll(() => timeMs(player)).toBe(0);
  await player.getByRole('button', { name: 'Back 5 s' }).click();
  await expect.poll(() => timeMs(player)).toBe(0);
  await player.getByRole('button', { name: 'Forward 5 s' }).click();
  await expect.poll(() => timeMs(player)).toBe(5000);
  await expect(wordButtons.nth(expectedIndex(starts, 5000))).toHaveAttribute('aria-current', 'true');
  await player.getByRole('button', { name: 'Forward 5 s' }).click();
  await expect.poll(() => timeMs(player)).toBe(Math.round(durationMs));
  await player.getByRole('button', { name: 'Back 5 s' }).click();
  await expect.poll(() => timeMs(player)).toBe(Math.round(durationMs - 5000));
  await player.getByRole('button', { name: 'Back 5 s' }).click();
  await expect.poll(() => timeMs(player)).toBe(0);

  // The player's keys, from a control inside it: L/J skip, > and < change speed, K plays and pauses.
  await player.getByRole('button', { name: 'Play' }).focus();
  await page.keyboard.press('l');
  await expect.poll(() => timeMs(player)).toBe(5000);
  await page.keyboard.press('j');
  await expect.poll(() => timeMs(player)).toBe(0);
  await page.keyboard.press('<');
  await expect(speed).toHaveValue('1.75');
  await page.keyboard.press('>');
  await page.keyboard.press('>');
  await expect(speed).toHaveValue('2');
  await page.keyboard.press('<');
  await page.keyboard.press('<');
  await page.keyboard.press('<');
  await page.keyboard.press('<');
  await expect(speed).toHaveValue('1');
  await page.keyboard.press('k');
  await expect(player.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('k');
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  // ... and only there: K outside the player does nothing.
  const paused = await timeMs(player);
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('k');
  await page.waitForTimeout(300);
  await expect(player.getByRole('button', { name: 'Play' })).toBeVisible();
  expect(await timeMs(player)).toBe(paused);

  // The words from the keyboard: Tab from the speed control enters the transcript at the current word,
  // the arrows move word by word, Enter plays from there.
  await wordButtons.nth(2).click();
  await expect(wordButtons.nth(2)).toHaveAttribute('aria-current', 'true');
  await speed.focus();
  await page.keyboard.press('Tab');
  await expect(wordButtons.nth(2)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(wordButtons.nth(4)).toBeFocused();
  await expect(wordButtons.nth(2)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('Enter');
  await expect.poll(() => timeMs(player)).toBe(starts[4]);
  await expect(wordButtons.nth(4)).toHaveAttribute('aria-current', 'true');
  await expect(wordButtons.nth(4)).toBeFocused();
  await page.keyboard.press('End');
  await expect(wordButtons.nth(words.length - 1)).toBeFocused();
  await expect(transcriptBox.locator('[tabindex="0"]')).toHaveCount(1);

  // The audio element streams the file with Range requests (206); wavesurfer fetches it once more,
  // whole, to draw the waveform.
  console.log(`media requests since the reload: ${JSON.stringify(mediaResponses)}`);
  const streamed = mediaResponses.filter((r) => r.type === 'media');
  expect(streamed.length).toBeGreaterThan(0);
  expect(streamed.every((r) => r.range?.startsWith('bytes=') && r.status === 206)).toBe(true);
  expect(mediaResponses.filter((r) => r.type === 'fetch')).toEqual([{ status: 200, range: null, type: 'fetch' }]);
  expect(violations).toEqual([]);
});
