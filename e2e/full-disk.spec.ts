// A full disk: the data folder lives on a small tmpfs (root mounts one; it is removed afterwards), and a
// ballast file leaves a few hundred KB free. The take being recorded stops with a clear message and keeps
// every sample written; it plays; an export and a model download fail the same way (a clear message,
// nothing half-written left); once space is freed the take is transcribed and the app works as before.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from './fixtures';
import { elapsedMs, recordTake, startRecording } from './support/app-page';
import { compareSpeech } from './support/audio-compare';
import { startModelServer, type ModelServer } from './support/model-server';
import { invokeRaw } from './support/raw-contract';

const SHARED_MODELS = path.resolve(__dirname, '../../shared/models');
const MOUNT = path.join(os.tmpdir(), `rehearse-full-disk-${process.pid}`);
const BALLAST = path.join(MOUNT, 'ballast');
/** About 10 s of 16 kHz 16-bit audio (32 KB/s): the disk fills in the middle of the fed speech. */
const FREE_BYTES = 320 * 1024;

const isRoot = process.getuid?.() === 0;

const test = base.extend<{ modelServer: ModelServer }>({
  modelServer: async ({}, use) => {
    const server = await startModelServer({
      'tiny.en': path.join(SHARED_MODELS, 'for-tests-ggml-tiny.en.bin'),
      'base.en': path.join(SHARED_MODELS, 'for-tests-ggml-base.en.bin'),
    });
    await use(server);
    await server.close();
  },
  appEnv: async ({ modelServer }, use) => use({ REHEARSE_MODEL_CATALOG: modelServer.catalogPath }),
  dataDirParent: MOUNT,
});

test.skip(!isRoot, 'mounting the small tmpfs this spec fills needs root (CI and the project machines run it as root)');
test.skip(({ target }) => target !== 'chromium', 'the full disk is exercised against the browser host; Electron runs the same services');

let mounted = false;

test.beforeAll(async () => {
  await fs.mkdir(MOUNT, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=6m,mode=0700', 'tmpfs', MOUNT], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    // Root without the right to mount (a container without CAP_SYS_ADMIN): say so rather than fail.
    await fs.rmdir(MOUNT);
    const why = error instanceof Error && 'stderr' in error ? String((error as { stderr: unknown }).stderr).trim() : String(error);
    test.skip(true, `could not mount a tmpfs to fill: ${why}`);
  }
});

test.afterAll(async () => {
  if (!mounted) return;
  try {
    execFileSync('umount', [MOUNT]);
  } catch {
    execFileSync('umount', ['-l', MOUNT]); // something still holds a file: detach it anyway
  }
  await fs.rmdir(MOUNT);
});

async function freeBytes(): Promise<number> {
  const stats = await fs.statfs(MOUNT);
  return stats.bavail * stats.bsize;
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('a full disk stops the take with a clear message and loses nothing; the app works again once space is freed', async ({
  app,
  fakeMic,
}) => {
  test.setTimeout(120_000);
  const { page } = app;
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled();
  await fs.writeFile(BALLAST, Buffer.alloc(Math.max(0, (await freeBytes()) - FREE_BYTES)));
  const started = Date.now();

  // Record until the disk is full.
  await startRecording(page);
  const alert = page.getByRole('alert').filter({ hasText: /disk is full/ });
  await expect(alert).toBeVisible({ timeout: 45_000 });
  console.log(`the disk filled ${Date.now() - started} ms after Record: "${await alert.first().textContent()}"`);
  await expect(alert).toContainText('What was captured was saved');
  await expect(page.getByRole('button', { name: 'Record' })).toBeEnabled();
  const takeMs = await elapsedMs(page);

  // One take, listed and saved, holding every sample written: a valid WAV as long as the take ran
  // (less at most the chunk that did not fit), and the speech that was said.
  const attempts = page.getByRole('list', { name: 'Attempts' }).locator(':scope > li');
  await expect(attempts).toHaveCount(1);
  await expect(attempts.first().getByText('Saved')).toBeVisible();
  const takeId = (await attempts.first().getAttribute('data-take-id')) as string;
  expect((await fs.readdir(app.recordingsDir)).sort()).toEqual([`${takeId}.json`, `${takeId}.wav`]);
  const wavPath = path.join(app.recordingsDir, `${takeId}.wav`);
  const wav = await fs.readFile(wavPath);
  expect(wav.readUInt32LE(40)).toBe(wav.length - 44);
  expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
  const first = await compareSpeech(fakeMic.source, wavPath);
  console.log(`take ${takeMs} ms by the app's timer; ${first.recordedDurationMs} ms on disk`);
  expect(first.recordedDurationMs).toBeGreaterThanOrEqual(takeMs - 1_000);
  // The file is the speech that was said, without a gap, up to where the disk filled.
  const heardSec = (first.recordedDurationMs - first.offsetMs) / 1000 - 0.1;
  const reference = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-ref-')), 'heard.wav');
  execFileSync('sox', [fakeMic.source, reference, 'trim', '0', heardSec.toFixed(3)]);
  const heard = await compareSpeech(reference, wavPath);
  expect(heard.segments.length).toBeGreaterThan(2);
  expect(heard.minSpeechCorrelation).toBeGreaterThanOrEqual(0.95);
  await fs.rm(path.dirname(reference), { recursive: true });

  // It plays.
  const audio = attempts.first().locator('audio');
  await audio.evaluate((element: HTMLAudioElement) => element.play());
  await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.3);

  // An export fails with a clear message and leaves nothing behind.
  const exportsDir = path.join(app.dataDir, 'exports');
  const exported = await invokeRaw(app, 'files.save', { suggestedName: 'answers.txt', data: new Uint8Array(256 * 1024).fill(65) });
  expect(exported).toMatchObject({ ok: false, error: { message: expect.stringMatching(/could not save answers\.txt: the disk is full/) } });
  expect(await fs.readdir(exportsDir).catch(() => [])).toEqual([]);

  // So does a model download, and no partial download stays to hold the space.
  const modelsDir = path.join(app.dataDir, 'models');
  expect(await invokeRaw(app, 'models.download', { name: 'tiny.en' })).toMatchObject({ ok: true });
  const failed = await poll(
    () => invokeRaw(app, 'models.get', {}),
    (outcome) => !['downloading', 'verifying'].includes((outcome.value as { download: { status: string } }).download.status),
    30_000,
  );
  expect(failed.value).toMatchObject({ download: { status: 'failed', error: expect.stringMatching(/disk is full/) } });
  expect(await fs.readdir(modelsDir)).toEqual(['ggml-base.en.bin']);

  // Space is freed: the take is transcribed (retried if the full disk stopped it), and everything works.
  await fs.rm(BALLAST);
  const state = (outcome: { value?: unknown }) => (outcome.value as { status: string }).status;
  let transcription = await poll(
    () => invokeRaw(app, 'transcription.get', { takeId }),
    (outcome) => ['done', 'failed', 'cancelled'].includes(state(outcome)),
    60_000,
  );
  if (state(transcription) !== 'done') {
    console.log(`transcription on the full disk: ${JSON.stringify(transcription.value)}; retrying with space`);
    expect(transcription.value).toMatchObject({ status: 'failed', errorCode: 'disk-full', error: expect.stringMatching(/disk is full/) });
    expect(await invokeRaw(app, 'transcription.retry', { takeId })).toMatchObject({ ok: true });
    transcription = await poll(
      () => invokeRaw(app, 'transcription.get', { takeId }),
      (outcome) => ['done', 'failed', 'cancelled'].includes(state(outcome)),
      60_000,
    );
  }
  expect(transcription.value).toMatchObject({ status: 'done' });

  expect(await invokeRaw(app, 'files.save', { suggestedName: 'answers.txt', data: new Uint8Array(1024).fill(65) })).toMatchObject({
    ok: true,
  });
  expect(await fs.readdir(exportsDir)).toEqual(['answers.txt']);
  expect(await invokeRaw(app, 'models.download', { name: 'tiny.en' })).toMatchObject({ ok: true });
  const downloaded = await poll(
    () => invokeRaw(app, 'models.get', {}),
    (outcome) => !['downloading', 'verifying'].includes((outcome.value as { download: { status: string } }).download.status),
    30_000,
  );
  expect(downloaded.value).toMatchObject({ download: { status: 'done' } });
  const second = await recordTake(page, 2_000);
  expect(second.takeId).not.toBe(takeId);
  console.log(`whole spec: ${Date.now() - started} ms after the ballast was written`);
});
