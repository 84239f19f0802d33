// The restore-bounds defect: a crafted 2 MB "backup" whose entries each declare 64 MiB of (highly
// compressible) zeros made restore unpack all of them at once, about 2 GiB, before it checked a single
// checksum. Restore must bound each entry by what that entry may hold and unpack one entry at a time:
// the file is refused, and the process never grows by anything like the sizes it declares.
// Its own file, so the process's peak memory (maxRSS) is this test's alone.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { TakeStore } from '../recordings/take-store';
import { restoreStagingDir, transcriptsDir } from '../storage/data-layout';
import { restoreBackup } from './restore-backup';
import { craftZip, deflatedEntry, storedEntry, type CraftedEntry } from './test-support';

let base: string;
beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-bounds-'));
});
afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const ENTRY_BYTES = 64 * 1024 * 1024;
const ENTRIES = 30;
const MiB = 1024 * 1024;

function craftedBackup(): Buffer {
  const takeIds = Array.from({ length: ENTRIES }, (_, i) => `take-bomb${String(i).padStart(4, '0')}`);
  const records = Buffer.from(
    JSON.stringify({
      format: 'rehearse-records',
      version: 1,
      questions: [],
      attempts: takeIds.map((id) => ({
        id,
        questionId: 'q',
        startedAt: 1,
        durationMs: 1,
        fileName: `${id}.wav`,
        status: 'complete',
        droppedMs: 0,
      })),
      transcripts: [],
      hesitations: [],
      loops: [],
    }),
  );
  const zeros = Buffer.alloc(ENTRY_BYTES);
  const zerosSha = createHash('sha256').update(zeros).digest('hex');
  const bomb = deflatedEntry('x', zeros);
  const entries: CraftedEntry[] = [deflatedEntry('records.json', records)];
  for (const takeId of takeIds) entries.push({ ...bomb, name: `transcripts/${takeId}.json` });
  const manifest = {
    format: 'rehearse-backup',
    version: 1,
    createdAt: new Date(0).toISOString(),
    appVersion: '1',
    files: [
      { path: 'records.json', bytes: records.byteLength, sha256: createHash('sha256').update(records).digest('hex') },
      ...takeIds.map((takeId) => ({ path: `transcripts/${takeId}.json`, bytes: ENTRY_BYTES, sha256: zerosSha })),
    ],
    counts: { questions: 0, attempts: ENTRIES, transcripts: 0, loops: 0, audio: 0 },
    missingAudio: [],
  };
  entries.push(deflatedEntry('manifest.json', Buffer.from(JSON.stringify(manifest))));
  return craftZip(entries);
}

it('refuses a small file that declares gigabytes of unpacked data, without ever holding them', async () => {
  const zip = craftedBackup();
  expect(zip.byteLength).toBeLessThan(3 * MiB);
  const zipPath = path.join(base, 'crafted.zip');
  await writeFile(zipPath, zip);
  const before = process.resourceUsage().maxRSS * 1024;
  const data = path.join(base, 'data');
  const target = {
    store: new TakeStore(path.join(data, 'recordings')),
    transcriptsDir: transcriptsDir(data),
    stagingDir: restoreStagingDir(data),
  };
  const error = await restoreBackup({ ...target, recordingIds: async () => new Set<string>() }, zipPath).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/^This backup is damaged: transcripts\//) });
  const grewBy = process.resourceUsage().maxRSS * 1024 - before;
  expect(grewBy / MiB).toBeLessThan(256);
});

it('refuses a stored entry that declares more bytes than the file has, reading nothing past it', async () => {
  const takeId = 'take-short0001';
  const records = Buffer.from(
    JSON.stringify({
      format: 'rehearse-records',
      version: 1,
      questions: [],
      attempts: [{ id: takeId, questionId: 'q', startedAt: 1, durationMs: 1, fileName: 'x.wav', status: 'complete', droppedMs: 0 }],
      transcripts: [],
      hesitations: [],
      loops: [],
    }),
  );
  const declared = 10 * MiB;
  const audio = { ...storedEntry(`audio/${takeId}.wav`, Buffer.alloc(1024)), declaredSize: declared, declaredCompressedSize: declared };
  const manifest = {
    format: 'rehearse-backup',
    version: 1,
    createdAt: new Date(0).toISOString(),
    appVersion: '1',
    files: [
      { path: 'records.json', bytes: records.byteLength, sha256: createHash('sha256').update(records).digest('hex') },
      { path: `audio/${takeId}.wav`, bytes: declared, sha256: '0'.repeat(64) },
    ],
    counts: { questions: 0, attempts: 1, transcripts: 0, loops: 0, audio: 1 },
    missingAudio: [],
  };
  const zipPath = path.join(base, 'short.zip');
  await writeFile(
    zipPath,
    craftZip([deflatedEntry('records.json', records), audio, deflatedEntry('manifest.json', Buffer.from(JSON.stringify(manifest)))]),
  );
  const data = path.join(base, 'data');
  const target = {
    store: new TakeStore(path.join(data, 'recordings')),
    transcriptsDir: transcriptsDir(data),
    stagingDir: restoreStagingDir(data),
  };
  const error = await restoreBackup({ ...target, recordingIds: async () => new Set<string>() }, zipPath).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ code: 'bad-request', message: `This backup is damaged: audio/${takeId}.wav cannot be unpacked` });
  expect(await readdir(data).catch(() => [])).toEqual([]);
});
