// The services as one app: what starting and quitting do across them.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeMonoWav } from './audio/wav';
import { createAppServices, type AppServices } from './app-services';

let dataDir: string;
const opened: AppServices[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-app-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const services of opened.splice(0)) await services.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function open(): Promise<AppServices> {
  const services = await createAppServices(dataDir, { version: '0.0.0', host: 'browser' }, () => undefined);
  opened.push(services);
  return services;
}

describe('AppServices', () => {
  it('start-up removes the chunk files a killed app left in transcripts/work', async () => {
    await mkdir(path.join(dataDir, 'transcripts', 'work'), { recursive: true });
    await writeFile(path.join(dataDir, 'transcripts', 'work', 'take-aaaaaa-0.wav'), encodeMonoWav(new Int16Array(160), 16_000));
    await open();
    expect(await readdir(path.join(dataDir, 'transcripts', 'work'))).toEqual([]);
  });

  it('close() stops transcription as well as recording', async () => {
    const services = await open();
    const closeTranscription = vi.spyOn(services.transcription, 'close');
    await services.close();
    expect(closeTranscription).toHaveBeenCalledTimes(1);
  });

  it('deleting takes does not read every take on disk to find the ones being recorded', async () => {
    const services = await open();
    const { store } = services.recording;
    for (let i = 0; i < 20; i++) {
      const takeId = `take-${String(i).padStart(6, '0')}`;
      await writeFile(store.wavPath(takeId), encodeMonoWav(new Int16Array(160), 16_000));
      await store.writeMeta({ takeId, questionId: 'q', startedAt: i, status: 'complete', gaps: [] });
    }
    const info = vi.spyOn(store, 'info');
    const result = await services.dispatch('recordings.delete', { takeIds: ['take-000001', 'take-000002'] });
    expect(result).toMatchObject({ ok: true, value: { deleted: 2 } });
    expect(existsSync(store.wavPath('take-000001'))).toBe(false);
    expect(info).not.toHaveBeenCalled();
  });
});
