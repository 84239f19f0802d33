// Malformed calls on every channel get a clear error naming what is wrong, never a crash, and lose
// nothing: a take recorded before is still listed, still plays and its file is unchanged.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { encode } from '@msgpack/msgpack';
import { channels } from '../electron/shared/contract';
import { expect, test } from './fixtures';
import { recordTake } from './support/app-page';
import { invokeRaw, sendFrames } from './support/raw-contract';

// This spec examines the recorded WAV itself: keep it, rather than let it become Ogg Opus once transcribed
// (compact-audio.spec.ts covers that).
test.use({ appEnv: { REHEARSE_COMPRESS_AUDIO: 'off' } });

const bytes = (n: number) => new Uint8Array(n).fill(7);

const MALFORMED: Record<string, { payload: unknown; mentions: RegExp }[]> = {
  'app.info': [{ payload: { extra: true }, mentions: /extra/ }],
  'recording.start': [
    { payload: {}, mentions: /questionId/ },
    { payload: { questionId: 42 }, mentions: /questionId/ },
    { payload: { questionId: '' }, mentions: /questionId/ },
    { payload: { questionId: 'x'.repeat(500) }, mentions: /questionId/ },
    { payload: 'start please', mentions: /payload/ },
  ],
  'recording.chunk': [
    { payload: { takeId: '../../etc/passwd', seq: 0, bytes: bytes(4) }, mentions: /takeId/ },
    { payload: { takeId: 'take-abcdef12', seq: -1, bytes: bytes(4) }, mentions: /seq/ },
    { payload: { takeId: 'take-abcdef12', seq: 1.5, bytes: bytes(4) }, mentions: /seq/ },
    { payload: { takeId: 'take-abcdef12', seq: 0, bytes: 'AAAA' }, mentions: /bytes/ },
    { payload: { takeId: 'take-abcdef12', seq: 0, bytes: bytes(0) }, mentions: /bytes/ },
    { payload: { takeId: 'take-abcdef12', seq: 0 }, mentions: /bytes/ },
  ],
  'recording.stop': [
    { payload: { takeId: 7 }, mentions: /takeId/ },
    { payload: { takeId: 'take-$(rm -rf ~)' }, mentions: /takeId/ },
    { payload: null, mentions: /takeId/ },
  ],
  'recordings.list': [{ payload: [1, 2, 3], mentions: /payload/ }],
  'transcription.get': [
    { payload: { takeId: '../recordings/x' }, mentions: /takeId/ },
    { payload: {}, mentions: /takeId/ },
  ],
  'transcription.cancel': [{ payload: { takeId: ['take-abcdef12'] }, mentions: /takeId/ }],
  'transcription.retry': [{ payload: { takeId: 'take-abcdef12', force: true }, mentions: /force/ }],
  'models.get': [{ payload: 7, mentions: /payload/ }],
  'models.download': [
    { payload: { name: 'large-v3' }, mentions: /name/ },
    { payload: { name: '../../etc/passwd' }, mentions: /name/ },
  ],
  'models.cancelDownload': [{ payload: { now: true }, mentions: /now/ }],
  'models.importFile': [{ payload: { path: '/etc/passwd' }, mentions: /path/ }],
  'hesitations.get': [
    { payload: { takeId: '../recordings/x' }, mentions: /takeId/ },
    { payload: { takeId: 'take-abcdef12', transcript: {} }, mentions: /transcript/ },
  ],
  'recordings.delete': [
    { payload: { takeIds: [] }, mentions: /takeIds/ },
    { payload: { takeIds: ['../x'] }, mentions: /takeIds\.0/ },
    { payload: { takeIds: ['take-abcdef12', 'take-abcdef12'] }, mentions: /takeIds\.1/ },
    { payload: { takeIds: 'take-abcdef12' }, mentions: /takeIds/ },
  ],
  'storage.usage': [{ payload: { recount: true }, mentions: /recount/ }],
  'files.save': [
    { payload: { suggestedName: '../x.txt', data: bytes(4) }, mentions: /suggestedName/ },
    { payload: { suggestedName: '/etc/passwd', data: bytes(4) }, mentions: /suggestedName/ },
    { payload: { suggestedName: 'a', data: bytes(4) }, mentions: /suggestedName/ },
    { payload: { suggestedName: 'notes.txt', data: 'some text' }, mentions: /data/ },
    { payload: { suggestedName: 'notes.txt', data: bytes(0) }, mentions: /data/ },
  ],
  'files.saveMany': [
    { payload: { files: [] }, mentions: /files/ },
    { payload: { files: [{ name: '../x.txt', data: bytes(4) }] }, mentions: /files\.0\.name/ },
    {
      payload: {
        files: [
          { name: 'a.txt', data: bytes(4) },
          { name: 'a.txt', data: bytes(4) },
        ],
      },
      mentions: /files\.1\.name/,
    },
  ],
  'backup.create': [
    { payload: { records: '{"format":"rehearse-records"}' }, mentions: /records/ },
    { payload: {}, mentions: /records/ },
  ],
  'backup.files': [{ payload: { folder: '/etc' }, mentions: /folder/ }],
  'backup.restore': [
    { payload: { data: bytes(4) }, mentions: /data/ },
    { payload: { fileName: '../x.zip' }, mentions: /fileName/ },
    { payload: { fileName: 'x.zip', path: '/tmp/x.zip' }, mentions: /path/ },
  ],
  'backup.progress': [{ payload: { kind: 'create' }, mentions: /kind/ }],
  'backup.cancel': [{ payload: { all: true }, mentions: /all/ }],
};

test('malformed payloads on every channel get clear errors and lose no data', async ({ app, fakeMic }) => {
  expect(Object.keys(MALFORMED).sort()).toEqual([...channels].sort());
  const { takeId } = await recordTake(app.page, Math.min(3_000, fakeMic.fedDurationMs));
  const wav = path.join(app.recordingsDir, `${takeId}.wav`);
  const digest = async () =>
    createHash('sha256')
      .update(await fs.readFile(wav))
      .digest('hex');
  const before = await digest();

  for (const [channel, cases] of Object.entries(MALFORMED)) {
    for (const { payload, mentions } of cases) {
      const outcome = await invokeRaw(app, channel, payload);
      expect(outcome.ok, `${channel} ${JSON.stringify(payload)?.slice(0, 60)}`).toBe(false);
      expect(outcome.error?.code).toBe('bad-request');
      expect(outcome.error?.message).toContain(channel);
      expect(outcome.error?.message).toMatch(mentions);
    }
  }
  for (const channel of ['fs.readFile', '__proto__', 'constructor', 'toString']) {
    const outcome = await invokeRaw(app, channel, {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  }

  // Well-formed calls the services must refuse: a take that is not recording, chunks out of order,
  // bytes that are not audio (the take is stopped with what it had, not lost).
  expect(await invokeRaw(app, 'recording.stop', { takeId: 'take-abcdef12' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  expect(await invokeRaw(app, 'hesitations.get', { takeId: 'take-abcdef12' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  const started = await invokeRaw(app, 'recording.start', { questionId: 'starter-wrong-decision' });
  expect(started.ok).toBe(true);
  const probeTake = (started.value as { takeId: string }).takeId;
  expect(await invokeRaw(app, 'recording.chunk', { takeId: probeTake, seq: 3, bytes: bytes(8) })).toMatchObject({
    ok: false,
    error: { code: 'conflict', message: expect.stringMatching(/expected chunk 0/) },
  });
  const garbage = await invokeRaw(app, 'recording.chunk', { takeId: probeTake, seq: 0, bytes: bytes(64) });
  expect(garbage).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/not WebM PCM audio.*kept/) } });

  if (app.target === 'chromium') {
    const frames = await sendFrames(app.page, [
      { bytes: [0xc1, 0xff, 0x00] },
      { bytes: [...new TextEncoder().encode('{"id":1,"channel":"app.info"}')], text: true },
      { bytes: [...encode(42)] },
      { bytes: [...encode({ channel: 'app.info', payload: {} })] },
      { bytes: [...encode({ id: 'one', channel: 'app.info' })] },
    ]);
    for (const frame of frames) expect(frame).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  }

  // Nothing was lost and the app still works.
  expect(await digest()).toBe(before);
  const listed = await invokeRaw(app, 'recordings.list', {});
  expect(listed.ok).toBe(true);
  expect((listed.value as { takeId: string }[]).map((take) => take.takeId)).toContain(takeId);
  await app.page.reload();
  await expect(app.page.locator(`[data-take-id="${takeId}"]`).getByText('Saved')).toBeVisible();
});

test('only pages of our own origin can reach the services', async ({ app }) => {
  test.skip(app.target !== 'chromium', 'the WebSocket transport exists only in the browser host');
  const url = new URL(app.page.url());
  // A page of another origin on this machine (another port), served without our CSP, so that only the
  // host's origin check can stop it (a public origin would already be stopped by the browser).
  const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>elsewhere</p>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const context = await app.page.context().browser()!.newContext();
  const foreign = await context.newPage();
  await foreign.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  const opened = await foreign.evaluate(
    (port) =>
      new Promise<boolean>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc`);
        socket.onopen = () => resolve(true);
        socket.onerror = () => resolve(false);
      }),
    url.port,
  );
  await context.close();
  server.close();
  expect(opened).toBe(false);
});
