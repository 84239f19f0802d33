// Backups end to end on real files: create → restore into an empty data folder and into one that has
// takes already (every audio byte and every record compared), and every kind of file restore must
// refuse, each checked to change nothing in the data folder.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { BackupRecords } from '../../shared/backup-records';
import { createAppServices } from '../app-services';
import { encodeMonoWav, wavHeader } from '../audio/wav';
import { FileSaver } from '../files/file-saver';
import { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { restoreStagingDir, transcriptsDir } from '../storage/data-layout';
import { BackupManifest, backupFileName, sha256 } from './backup-format';
import { BackupJobs } from './backup-job';
import { createBackup } from './create-backup';
import { restoreBackup, type RestoreTargets } from './restore-backup';

const TAKES = ['take-aaaaaa01', 'take-bbbbbb02', 'take-cccccc03'];
const NO_AUDIO = 'take-dddddd04';
const NOW = new Date(2026, 0, 31, 12, 0, 0);

let base: string;
/** Where the backups being restored are (outside `base`, so that restoring one changes nothing there). */
let incoming: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-backup-'));
  incoming = await mkdtemp(path.join(os.tmpdir(), 'rehearse-incoming-'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
  await rm(incoming, { recursive: true, force: true });
});

let written = 0;
/** Restores the backup `zip` (bytes, written to a file first) into `target`. */
async function restore(target: RestoreTargets, zip: Uint8Array) {
  const file = path.join(incoming, `backup-${(written += 1)}.zip`);
  await writeFile(file, zip);
  return restoreBackup(target, file);
}

/** A restore's result when it restored (it says restored: false only when cancelled). */
async function restored(target: RestoreTargets, zip: Uint8Array) {
  const result = await restore(target, zip);
  if (!result.restored) throw new Error('not restored');
  return result;
}

/** A data folder's takes, as the recording and transcription services keep them. */
function dataDir(name: string) {
  const dir = path.join(base, name);
  const store = new TakeStore(path.join(dir, 'recordings'));
  return {
    dir,
    store,
    transcriptsDir: transcriptsDir(dir),
    stagingDir: restoreStagingDir(dir),
    recordingIds: async () => new Set<string>(),
    async addTake(takeId: string, options: { seed?: number; transcript?: boolean; sidecar?: boolean } = {}): Promise<Buffer> {
      await store.ensure();
      const seed = options.seed ?? takeId.length + takeId.charCodeAt(5);
      const samples = Int16Array.from({ length: 16_000 + seed * 10 }, (_, i) => Math.round(Math.sin(i / (seed + 3)) * 12_000));
      const wav = encodeMonoWav(samples, 16_000);
      await writeFile(store.wavPath(takeId), wav);
      if (options.sidecar !== false)
        await store.writeMeta({ takeId, questionId: 'q-one', startedAt: 1_700_000_000_000, status: 'complete', gaps: [] });
      if (options.transcript !== false) {
        await mkdir(this.transcriptsDir, { recursive: true });
        await writeFile(path.join(this.transcriptsDir, `${takeId}.json`), JSON.stringify(transcriptState(takeId)));
      }
      return wav;
    },
  };
}

function transcriptState(takeId: string) {
  const transcript = {
    segments: [{ startMs: 0, endMs: 900, text: 'I chose to ship.', words: [{ text: 'I', startMs: 0, endMs: 100, p: 0.9 }] }],
  };
  return { takeId, status: 'done', progress: 100, transcript, error: null, errorCode: null, afterStopMs: 420 };
}

function records(takeIds = [...TAKES, NO_AUDIO]): BackupRecords {
  return {
    format: 'rehearse-records',
    version: 1,
    questions: [
      {
        id: 'q-one',
        text: 'Tell me about a wrong decision.',
        category: 'behavioural',
        stage: 'team-interview',
        principles: ['intellectual-honesty'],
        targetSec: 105,
        packId: 'my-questions',
        order: 0,
        origin: 'own',
      },
    ],
    attempts: takeIds.map((id, index) => ({
      id,
      questionId: 'q-one',
      startedAt: 1_700_000_000_000 + index,
      durationMs: 1000,
      fileName: `${id}.wav`,
      status: 'complete',
      droppedMs: 0,
      ...(index === 0
        ? {
            metrics: {
              version: 2,
              wordCount: 4,
              speechMs: 900,
              wpm: 160,
              fillerCount: 1,
              fillersPerMin: 66.7,
              transcribedFillerCount: 0,
              confirmedFillerCount: 1,
              heardFillerCount: 0,
              longPauseCount: 0,
              thinkTimeMs: null,
            },
            fillerChoices: [
              { startMs: 200, endMs: 500, verdict: 'filler' as const },
              { startMs: 600, endMs: 800, verdict: 'not-filler' as const },
            ],
            checklist: {
              ticks: [
                { itemId: 'intellectual-honesty.named-mistake', evidence: { sentenceIndex: 0, text: 'I chose.', startMs: 0, endMs: 900 } },
              ],
              updatedAt: 5,
            },
            loopId: 'loop-1',
          }
        : {}),
    })),
    transcripts: takeIds.slice(0, 2).map((id) => ({ id, transcript: transcriptState(id).transcript })),
    hesitations: takeIds.slice(0, 1).map((id) => ({
      id,
      hesitations: [
        { startMs: 200, endMs: 500, kind: 'uh' as const, score: 0.7, transcribed: false },
        { startMs: 600, endMs: 800, kind: 'um' as const, score: 0.4, transcribed: false },
        { startMs: 850, endMs: 900, kind: 'drawn-out' as const, score: 0.5, transcribed: false, word: 'ship.' },
      ],
      basedOnTranscript: true,
    })),
    loops: [
      {
        id: 'loop-1',
        startedAt: 1,
        steps: [{ stage: 'recruiter-screen', label: 'Recruiter screen', questionId: 'q-one', takeId: takeIds[0] }],
        current: 1,
      },
    ],
  };
}

const json = (value: unknown) => strToU8(JSON.stringify(value));

/** Every file under `dir` with its SHA-256 (folders too): equal before and after means nothing changed. */
async function snapshot(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (at: string) => {
    for (const entry of await readdir(at, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        out.push(`${path.relative(dir, full)}/`);
        await walk(full);
      } else
        out.push(
          `${path.relative(dir, full)} ${createHash('sha256')
            .update(await readFile(full))
            .digest('hex')}`,
        );
    }
  };
  await walk(dir);
  return out.sort();
}

/** Makes a backup of `source`'s takes into `<base>/exports`; returns its bytes and what createBackup said. */
async function makeBackup(source: ReturnType<typeof dataDir>, data: BackupRecords = records()) {
  const saver = new FileSaver({ exportsDir: path.join(base, 'exports') });
  const result = await createBackup({ ...source, saver, appVersion: '9.9.9', now: () => NOW }, json(data));
  if (!result.path) throw new Error('not saved');
  return { result, zip: new Uint8Array(await readFile(result.path)) };
}

/** The source folder with three takes (the third without transcript or sidecar); the backup of it. */
async function sourceWithBackup() {
  const source = dataDir('source');
  await source.addTake(TAKES[0]!);
  await source.addTake(TAKES[1]!);
  await source.addTake(TAKES[2]!, { transcript: false, sidecar: false });
  return { source, ...(await makeBackup(source)) };
}

/** Unpacks a zip, lets `change` edit its files, and packs it again, the manifest brought up to date unless told. */
function rezip(zip: Uint8Array, change: (files: Record<string, Uint8Array>) => void, options: { fixManifest?: boolean } = {}): Uint8Array {
  const files = unzipSync(zip);
  change(files);
  if (options.fixManifest !== false && files['manifest.json']) {
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as BackupManifest;
    manifest.files = Object.entries(files)
      .filter(([name]) => name !== 'manifest.json')
      .map(([name, data]) => ({ path: name, bytes: data.byteLength, sha256: sha256(data) }));
    files['manifest.json'] = json(manifest);
  }
  const zippable: Zippable = {};
  for (const [name, data] of Object.entries(files)) zippable[name] = [data, { level: name.endsWith('.wav') ? 0 : 6 }];
  return zipSync(zippable);
}

function editJson<T>(files: Record<string, Uint8Array>, name: string, edit: (value: T) => void): void {
  const value = JSON.parse(new TextDecoder().decode(files[name])) as T;
  edit(value);
  files[name] = json(value);
}

describe('backup.create', () => {
  it('writes one zip: records, each take’s audio (stored) and sidecar, main’s transcripts, and a manifest with checksums', async () => {
    const { source, result, zip } = await sourceWithBackup();
    expect(result).toEqual({
      saved: true,
      path: path.join(base, 'exports', 'rehearse-backup-2026-01-31.zip'),
      bytes: zip.byteLength,
      takes: 3,
    });

    const infos: Record<string, { compression: number }> = {};
    const files = unzipSync(zip, { filter: (file) => ((infos[file.name] = file), true) });
    expect(Object.keys(files).sort()).toEqual([
      `audio/${TAKES[0]}.json`,
      `audio/${TAKES[0]}.wav`,
      `audio/${TAKES[1]}.json`,
      `audio/${TAKES[1]}.wav`,
      `audio/${TAKES[2]}.wav`,
      'manifest.json',
      'records.json',
      `transcripts/${TAKES[0]}.json`,
      `transcripts/${TAKES[1]}.json`,
    ]);
    for (const [name, info] of Object.entries(infos)) expect(info.compression, name).toBe(name.endsWith('.wav') ? 0 : 8);
    for (const takeId of TAKES)
      expect(Buffer.from(files[`audio/${takeId}.wav`]!).equals(await readFile(source.store.wavPath(takeId)))).toBe(true);

    const manifest = BackupManifest.parse(JSON.parse(new TextDecoder().decode(files['manifest.json'])));
    expect(manifest).toMatchObject({
      format: 'rehearse-backup',
      version: 1,
      createdAt: NOW.toISOString(),
      appVersion: '9.9.9',
      counts: { questions: 1, attempts: 4, transcripts: 2, loops: 1, audio: 3 },
      missingAudio: [NO_AUDIO],
    });
    expect(manifest.files.map((file) => file.path).sort()).toEqual(
      Object.keys(files)
        .filter((name) => name !== 'manifest.json')
        .sort(),
    );
    for (const file of manifest.files) {
      expect(file.bytes).toBe(files[file.path]!.byteLength);
      expect(file.sha256).toBe(sha256(files[file.path]!));
    }
    expect(JSON.parse(new TextDecoder().decode(files['records.json']))).toEqual(records());
  });

  it('refuses records that are not valid, naming the field, and saves nothing', async () => {
    const source = dataDir('source');
    const saver = new FileSaver({ exportsDir: path.join(base, 'exports') });
    const bad = records();
    (bad.attempts[1] as { id: string }).id = '../../etc/passwd';
    const error = await createBackup({ ...source, saver, appVersion: '1' }, json(bad)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({
      code: 'bad-request',
      message: expect.stringMatching(/backup\.create: records are not valid: attempts\.1\.id/),
    });
    const notJson = await createBackup({ ...source, saver, appVersion: '1' }, strToU8('{"format":')).catch((caught: unknown) => caught);
    expect(notJson).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/not UTF-8 JSON/) });
    expect(await readdir(base)).toEqual([]);
  });

  it('saves where the dialog says, suggesting the dated name; cancelled saves nothing', async () => {
    const source = dataDir('source');
    await source.addTake(TAKES[0]!);
    const asked: string[] = [];
    const target = path.join(base, 'chosen.zip');
    const saver = new FileSaver({ exportsDir: path.join(base, 'exports'), pickSavePath: async (name) => (asked.push(name), target) });
    const saved = await createBackup({ ...source, saver, appVersion: '1', now: () => NOW }, json(records([TAKES[0]!])));
    expect(saved).toMatchObject({ saved: true, path: target, takes: 1 });
    expect(asked).toEqual([backupFileName(NOW)]);
    expect((await stat(target)).size).toBe(saved.bytes);

    const cancelling = new FileSaver({ exportsDir: path.join(base, 'exports'), pickSavePath: async () => null });
    const before = await snapshot(base);
    expect(await createBackup({ ...source, saver: cancelling, appVersion: '1' }, json(records([TAKES[0]!])))).toEqual({
      saved: false,
      path: null,
      bytes: 0,
      takes: 0,
    });
    expect(await snapshot(base)).toEqual(before);
  });

  it('leaves out audio that is not a take’s 16 kHz mono WAV (listed as missing), so the backup still restores', async () => {
    const source = dataDir('source');
    await source.addTake(TAKES[0]!);
    await writeFile(source.store.wavPath(TAKES[1]!), encodeMonoWav(new Int16Array(100), 44_100));
    await writeFile(source.store.wavPath(TAKES[2]!), Buffer.alloc(0));
    const { result, zip } = await makeBackup(source, records(TAKES));
    expect(result.takes).toBe(1);
    const files = unzipSync(zip);
    const manifest = BackupManifest.parse(JSON.parse(new TextDecoder().decode(files['manifest.json'])));
    expect(manifest.missingAudio).toEqual([TAKES[1], TAKES[2]]);
    expect(Object.keys(files).filter((name) => name.startsWith('audio/'))).toEqual([`audio/${TAKES[0]}.wav`, `audio/${TAKES[0]}.json`]);
    expect(await restored(dataDir('target'), zip)).toMatchObject({ audioRestored: 1 });
  });
});

describe('backup.restore', () => {
  it('restores into an empty data folder: every audio byte, sidecar, transcript and record', async () => {
    const { source, zip } = await sourceWithBackup();
    const target = dataDir('target');
    const result = await restore(target, zip);
    expect(result).toEqual({ restored: true, records: records(), audioRestored: 3, audioAlreadyPresent: 0, audioConflicts: [] });
    for (const takeId of TAKES) {
      expect(await readFile(target.store.wavPath(takeId))).toEqual(await readFile(source.store.wavPath(takeId)));
    }
    for (const takeId of TAKES.slice(0, 2)) {
      expect(await readFile(target.store.metaPath(takeId))).toEqual(await readFile(source.store.metaPath(takeId)));
      const transcript = `${takeId}.json`;
      expect(await readFile(path.join(target.transcriptsDir, transcript))).toEqual(
        await readFile(path.join(source.transcriptsDir, transcript)),
      );
    }
    // Exactly the files of the source: nothing more (no temp files), nothing less.
    expect(await snapshot(target.dir)).toEqual(await snapshot(source.dir));
  });

  it('restoring the same backup again changes nothing: the audio is counted as present', async () => {
    const { zip } = await sourceWithBackup();
    const target = dataDir('target');
    await restore(target, zip);
    const before = await snapshot(target.dir);
    expect(await restore(target, zip)).toMatchObject({ audioRestored: 0, audioAlreadyPresent: 3, audioConflicts: [] });
    expect(await snapshot(target.dir)).toEqual(before);
  });

  it('restores into a folder with takes already: identical audio is present, different audio is a conflict and kept', async () => {
    const { source, zip } = await sourceWithBackup();
    const target = dataDir('target');
    await target.addTake(TAKES[0]!, { transcript: false }); // the same audio, without its transcript here
    const differing = await target.addTake(TAKES[1]!, { seed: 99 });
    const own = await target.addTake('take-eeeeee05');
    const differingTranscript = await readFile(path.join(target.transcriptsDir, `${TAKES[1]}.json`));

    const result = await restored(target, zip);
    expect(result).toMatchObject({ audioRestored: 1, audioAlreadyPresent: 1, audioConflicts: [TAKES[1]] });
    expect(result.records).toEqual(records());
    // The conflict keeps what was here, audio and transcript.
    expect(await readFile(target.store.wavPath(TAKES[1]!))).toEqual(differing);
    expect(await readFile(path.join(target.transcriptsDir, `${TAKES[1]}.json`))).toEqual(differingTranscript);
    // Present audio gets the transcript it lacked; the new take all its files; the take of this folder stays.
    expect(await readFile(path.join(target.transcriptsDir, `${TAKES[0]}.json`))).toEqual(
      await readFile(path.join(source.transcriptsDir, `${TAKES[0]}.json`)),
    );
    expect(await readFile(target.store.wavPath(TAKES[2]!))).toEqual(await readFile(source.store.wavPath(TAKES[2]!)));
    expect(await readFile(target.store.wavPath('take-eeeeee05'))).toEqual(own);
    expect((await readdir(target.store.dir)).sort()).toEqual(
      [...TAKES.map((id) => `${id}.wav`), `${TAKES[0]}.json`, `${TAKES[1]}.json`, 'take-eeeeee05.wav', 'take-eeeeee05.json'].sort(),
    );
  });

  it('never writes the take being recorded: it is a conflict', async () => {
    const { zip } = await sourceWithBackup();
    const target = { ...dataDir('target'), recordingIds: async () => new Set([TAKES[2]!]) };
    expect(await restore(target, zip)).toMatchObject({ audioRestored: 2, audioConflicts: [TAKES[2]] });
    await expect(stat(target.store.wavPath(TAKES[2]!))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('restores a backup made before heard fillers: no hesitations, no choices, one filler count read as the transcript’s', async () => {
    const { zip } = await sourceWithBackup();
    const older = rezip(zip, (files) =>
      editJson<Record<string, unknown> & { attempts: { metrics?: Record<string, unknown>; fillerChoices?: unknown }[] }>(
        files,
        'records.json',
        (value) => {
          delete value.hesitations;
          for (const attempt of value.attempts) {
            delete attempt.fillerChoices;
            if (!attempt.metrics) continue;
            for (const key of ['transcribedFillerCount', 'confirmedFillerCount', 'heardFillerCount']) delete attempt.metrics[key];
            Object.assign(attempt.metrics, { version: 1, fillerCount: 3 });
          }
        },
      ),
    );
    const result = await restored(dataDir('target'), older);
    const expected = records();
    const first = expected.attempts[0]!;
    delete first.fillerChoices;
    first.metrics = {
      ...first.metrics!,
      version: 1,
      fillerCount: 3,
      transcribedFillerCount: 3,
      confirmedFillerCount: 0,
      heardFillerCount: null,
    };
    expect(result.records).toEqual({ ...expected, hesitations: [] });
  });

  it('restores through the services from the exports folder (the browser host): the takes are listed afterwards', async () => {
    const { zip } = await sourceWithBackup();
    const app = path.join(base, 'app');
    const services = await createAppServices(app, { version: 'test', host: 'browser' }, () => {});
    try {
      await mkdir(path.join(app, 'exports'), { recursive: true });
      await writeFile(path.join(app, 'exports', 'my backup.zip'), zip);
      await writeFile(path.join(app, 'exports', 'notes.zip'), 'not a zip at all');
      await writeFile(path.join(app, 'exports', 'answers.txt'), 'not a backup either');
      const files = await services.dispatch('backup.files', {});
      expect(files).toMatchObject({ ok: true, value: { folder: path.join(app, 'exports') } });
      expect(files.ok && (files.value as { files: { name: string }[] }).files.map((file) => file.name).sort()).toEqual([
        'my backup.zip',
        'notes.zip',
      ]);
      const result = await services.dispatch('backup.restore', { fileName: 'my backup.zip' });
      expect(result).toMatchObject({ ok: true, value: { restored: true, audioRestored: 3 } });
      const listed = await services.dispatch('recordings.list', {});
      expect(listed.ok && (listed.value as { takeId: string }[]).map((take) => take.takeId)).toEqual(TAKES);
      const refused = await services.dispatch('backup.restore', { fileName: 'notes.zip' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/not a zip file/) } });
      expect(await services.dispatch('backup.restore', { fileName: '../my backup.zip' })).toMatchObject({
        ok: false,
        error: { code: 'bad-request' },
      });
      expect(await services.dispatch('backup.restore', { fileName: 'gone.zip' })).toMatchObject({
        ok: false,
        error: { message: `There is no backup at ${path.join(app, 'exports', 'gone.zip')}` },
      });
    } finally {
      await services.close();
    }
  });

  it('restores the file the open dialog picks (the desktop app); a cancelled dialog restores nothing', async () => {
    const { zip } = await sourceWithBackup();
    const chosen = path.join(incoming, 'chosen.zip');
    await writeFile(chosen, zip);
    let answer: string | null = chosen;
    const app = path.join(base, 'app');
    const services = await createAppServices(app, { version: 'test', host: 'electron' }, () => {}, { pickBackupFile: async () => answer });
    try {
      expect(await services.dispatch('backup.files', {})).toEqual({ ok: true, value: { folder: null, files: [] } });
      expect(await services.dispatch('backup.restore', {})).toMatchObject({ ok: true, value: { restored: true, audioRestored: 3 } });
      answer = null;
      const before = await snapshot(app);
      expect(await services.dispatch('backup.restore', {})).toEqual({ ok: true, value: { restored: false } });
      expect(await snapshot(app)).toEqual(before);
    } finally {
      await services.close();
    }
  });

  describe('refuses, changing nothing', () => {
    /** Restores `data` into a data folder with one take; expects the refusal `message`, and every file as before. */
    async function expectRefused(data: Uint8Array, message: RegExp | string): Promise<void> {
      const target = dataDir('target');
      await target.addTake('take-eeeeee05');
      const before = await snapshot(base);
      const error = await restore(target, data).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe('bad-request');
      expect((error as ServiceError).message).toMatch(message);
      expect(await snapshot(base)).toEqual(before);
    }

    const NOT_ZIP = 'This file is not a Rehearse backup: it is not a zip file';
    const FOREIGN = /^This file is not a Rehearse backup: it was made by something else/;

    it('text, random bytes and random bytes that begin like a zip are not zips', async () => {
      await expectRefused(strToU8('hello, I am a text file and not a backup'), NOT_ZIP);
      const random = randomBytes(64 * 1024);
      random[0] = 0;
      await expectRefused(random, NOT_ZIP);
      random.set([0x50, 0x4b, 3, 4]);
      await expectRefused(random, NOT_ZIP);
      await expectRefused(new Uint8Array([0x50, 0x4b, 3, 4]), NOT_ZIP);
    });

    it('a zip from elsewhere (no manifest), and an empty zip', async () => {
      await expectRefused(zipSync({ 'hello.txt': strToU8('hi'), 'photos/cat.jpg': randomBytes(100) }), FOREIGN);
      await expectRefused(zipSync({}), FOREIGN);
    });

    it('a manifest of another format, or one that is not JSON', async () => {
      const { zip } = await sourceWithBackup();
      await expectRefused(
        rezip(zip, (files) => editJson<{ format: string }>(files, 'manifest.json', (m) => (m.format = 'other'))),
        FOREIGN,
      );
      await expectRefused(
        rezip(zip, (files) => (files['manifest.json'] = strToU8('{ not json')), { fixManifest: false }),
        FOREIGN,
      );
    });

    it('a backup made by a newer version', async () => {
      const { zip } = await sourceWithBackup();
      await expectRefused(
        rezip(zip, (files) => editJson<{ version: number }>(files, 'manifest.json', (m) => (m.version = 2))),
        /made by a newer version of Rehearse \(backup version 2/,
      );
    });

    it('a tampered WAV (its checksum no longer matches)', async () => {
      const { zip } = await sourceWithBackup();
      const tampered = rezip(
        zip,
        (files) => {
          const wav = files[`audio/${TAKES[1]}.wav`]!;
          wav[wav.length - 1] = (wav[wav.length - 1] ?? 0) ^ 0xff;
        },
        { fixManifest: false },
      );
      await expectRefused(tampered, `This backup is damaged: audio/${TAKES[1]}.wav does not match its checksum`);
    });

    it('a WAV cut short, and a listed file that is not there', async () => {
      const { zip } = await sourceWithBackup();
      const cut = rezip(zip, (files) => (files[`audio/${TAKES[0]}.wav`] = files[`audio/${TAKES[0]}.wav`]!.slice(0, 1000)), {
        fixManifest: false,
      });
      await expectRefused(cut, `audio/${TAKES[0]}.wav does not match its checksum`);
      const missing = rezip(zip, (files) => delete files[`transcripts/${TAKES[0]}.json`], { fixManifest: false });
      await expectRefused(missing, `This backup is damaged: transcripts/${TAKES[0]}.json is missing`);
    });

    it('an extra file the manifest does not list', async () => {
      const { zip } = await sourceWithBackup();
      const extra = rezip(zip, (files) => (files[`transcripts/${TAKES[2]}.json`] = json(transcriptState(TAKES[2]!))), {
        fixManifest: false,
      });
      await expectRefused(extra, `This backup is damaged: transcripts/${TAKES[2]}.json is not listed in its manifest`);
    });

    it('entries no backup has: ../evil, absolute paths, other folders', async () => {
      const { zip } = await sourceWithBackup();
      for (const name of ['../evil', '/etc/passwd', 'audio/../../evil.wav', 'audio/take-aaaaaa01.mp3', 'audio/x.wav', 'notes.txt']) {
        await expectRefused(
          rezip(zip, (files) => (files[name] = strToU8('evil'))),
          new RegExp(`made by something else \\(it holds ${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`),
        );
      }
    });

    it('records.json with a bad field, naming it', async () => {
      const { zip } = await sourceWithBackup();
      await expectRefused(
        rezip(zip, (files) => editJson<BackupRecords>(files, 'records.json', (r) => ((r.attempts[0] as { id: string }).id = 'not-a-take'))),
        /This backup is damaged: records\.json is not valid: attempts\.0\.id/,
      );
      await expectRefused(
        rezip(zip, (files) => editJson<BackupRecords>(files, 'records.json', (r) => (r.questions[0]!.targetSec = -1))),
        /records\.json is not valid: questions\.0\.targetSec/,
      );
    });

    it('a WAV that is not 16 kHz mono', async () => {
      const { zip } = await sourceWithBackup();
      await expectRefused(
        rezip(zip, (files) => (files[`audio/${TAKES[0]}.wav`] = encodeMonoWav(new Int16Array(4410), 44_100))),
        `This backup is damaged: audio/${TAKES[0]}.wav is not a 16 kHz mono 16-bit WAV (it is 44100 Hz, 1 channel, 16-bit pcm)`,
      );
      const stereo = Buffer.concat([wavHeader({ sampleRate: 16_000, channels: 2, bitsPerSample: 16, dataBytes: 400 }), Buffer.alloc(400)]);
      await expectRefused(
        rezip(zip, (files) => (files[`audio/${TAKES[0]}.wav`] = stereo)),
        /is not a 16 kHz mono 16-bit WAV \(it is 16000 Hz, 2 channels/,
      );
      await expectRefused(
        rezip(zip, (files) => (files[`audio/${TAKES[0]}.wav`] = strToU8('RIFF nonsense'))),
        /is not a 16 kHz mono 16-bit WAV/,
      );
    });

    it('a sidecar or transcript that is not what it should be, or of another take', async () => {
      const { zip } = await sourceWithBackup();
      await expectRefused(
        rezip(zip, (files) => (files[`audio/${TAKES[0]}.json`] = strToU8('{'))),
        `audio/${TAKES[0]}.json is not a take's description`,
      );
      await expectRefused(
        rezip(zip, (files) => editJson<{ takeId: string }>(files, `audio/${TAKES[0]}.json`, (meta) => (meta.takeId = TAKES[1]!))),
        `audio/${TAKES[0]}.json is not a take's description (it describes ${TAKES[1]})`,
      );
      await expectRefused(
        rezip(zip, (files) =>
          editJson<{ transcript: unknown }>(files, `transcripts/${TAKES[0]}.json`, (state) => (state.transcript = 'words')),
        ),
        `transcripts/${TAKES[0]}.json is not a transcript`,
      );
    });

    it('audio of a take records.json does not have, and counts that do not match', async () => {
      const { zip } = await sourceWithBackup();
      await expectRefused(
        rezip(zip, (files) => (files['audio/take-ffffff06.wav'] = encodeMonoWav(new Int16Array(160), 16_000))),
        'audio/take-ffffff06.wav belongs to no attempt in records.json',
      );
      await expectRefused(
        rezip(zip, (files) => editJson<BackupManifest>(files, 'manifest.json', (m) => (m.counts.audio = 7))),
        'the counts in manifest.json do not match',
      );
    });
  });
});

describe('long backups and restores', () => {
  /** A control that records progress and cancels at the first report that is part-way. */
  function cancellingControl(phase: 'writing' | 'checking') {
    const controller = new AbortController();
    const reports: { phase: string; done: number; total: number }[] = [];
    return {
      reports,
      control: {
        signal: controller.signal,
        progress: (at: 'writing' | 'checking' | 'restoring', done: number, total: number) => {
          reports.push({ phase: at, done, total });
          if (at === phase && done > 0 && done < total) controller.abort();
        },
      },
    };
  }

  it('a backup reports its progress in bytes, rising to the whole', async () => {
    const { source } = await sourceWithBackup();
    const reports: number[] = [];
    let total = 0;
    const saver = new FileSaver({ exportsDir: path.join(base, 'exports-2') });
    const made = await createBackup({ ...source, saver, appVersion: '1' }, json(records()), {
      signal: new AbortController().signal,
      progress: (_phase, done, all) => (reports.push(done), (total = all)),
    });
    const audio = (await Promise.all(TAKES.map((id) => stat(source.store.wavPath(id))))).reduce((sum, s) => sum + s.size, 0);
    expect(total).toBe(audio + json(records()).byteLength);
    expect(reports.at(-1)).toBe(total);
    expect(reports).toEqual([...reports].sort((a, b) => a - b));
    expect(made).toMatchObject({ saved: true, takes: 3 });
  });

  it('Cancel stops a backup part-way and leaves no file, not even a temp file', async () => {
    const source = dataDir('source');
    for (const takeId of TAKES) await source.addTake(takeId);
    const exportsDir = path.join(base, 'exports');
    const { control, reports } = cancellingControl('writing');
    const saver = new FileSaver({ exportsDir });
    expect(await createBackup({ ...source, saver, appVersion: '1' }, json(records(TAKES)), control)).toEqual({
      saved: false,
      path: null,
      bytes: 0,
      takes: 0,
    });
    expect(reports.some((report) => report.done > 0 && report.done < report.total)).toBe(true);
    expect(await readdir(exportsDir)).toEqual([]);
  });

  it('audio that changes while it is backed up fails the backup (it does not hang) and leaves no file', async () => {
    const source = dataDir('source');
    for (const takeId of TAKES) await source.addTake(takeId);
    const exportsDir = path.join(base, 'exports');
    let grown = false;
    const control = {
      signal: new AbortController().signal,
      progress: () => {
        if (grown) return;
        grown = true;
        appendFileSync(source.store.wavPath(TAKES[2]!), Buffer.alloc(4096));
      },
    };
    const error = await createBackup(
      { ...source, saver: new FileSaver({ exportsDir }), appVersion: '1' },
      json(records(TAKES)),
      control,
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).message).toMatch(/^could not save rehearse-backup-.*\.zip/);
    expect(await readdir(exportsDir)).toEqual([]);
  });

  it('Cancel stops a restore while it checks: nothing in the data folder changes and no staging is left', async () => {
    const { zip } = await sourceWithBackup();
    const target = dataDir('target');
    await target.addTake('take-eeeeee05');
    const before = await snapshot(target.dir);
    const file = path.join(incoming, 'backup.zip');
    await writeFile(file, zip);
    const { control, reports } = cancellingControl('checking');
    expect(await restoreBackup(target, file, control)).toEqual({ restored: false });
    expect(reports.some((report) => report.phase === 'checking' && report.done > 0)).toBe(true);
    expect(reports.some((report) => report.phase === 'restoring')).toBe(false);
    expect(await snapshot(target.dir)).toEqual(before);
  });

  it('one backup or restore at a time: progress while it runs, Cancel reaches it, a second is refused', async () => {
    const jobs = new BackupJobs();
    expect(jobs.progress()).toBeNull();
    let release = () => {};
    const running = jobs.run('restore', async (control) => {
      control.progress('checking', 5, 10);
      await new Promise<void>((resolve) => (release = resolve));
      return control.signal.aborted ? 'cancelled' : 'done';
    });
    expect(jobs.progress()).toEqual({ kind: 'restore', phase: 'checking', bytesDone: 5, bytesTotal: 10, cancelling: false });
    await expect(jobs.run('create', async () => 'second')).rejects.toMatchObject({ code: 'conflict' });
    expect(jobs.cancel()).toMatchObject({ cancelling: true });
    release();
    expect(await running).toBe('cancelled');
    expect(jobs.progress()).toBeNull();
    expect(jobs.cancel()).toBeNull();
  });

  it('start-up clears what a restore killed part-way left in its staging folder, and nothing else', async () => {
    const app = path.join(base, 'app');
    const staged = path.join(restoreStagingDir(app), 'a1b2c3', 'audio');
    await mkdir(staged, { recursive: true });
    await writeFile(path.join(staged, 'take-aaaaaa01.wav'), Buffer.alloc(1000));
    const mine = dataDir('app');
    await mine.addTake(TAKES[1]!);
    const before = (await snapshot(app)).filter((line) => !line.startsWith('.restore-staging'));
    const services = await createAppServices(app, { version: 'test', host: 'browser' }, () => {});
    try {
      await expect(stat(restoreStagingDir(app))).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await snapshot(app)).filter((line) => !line.startsWith('exports'))).toEqual(before);
    } finally {
      await services.close();
    }
  });

  it('carries whatever audio a take has (its compressed .opus, not only .wav) and leaves out audio that is not what its name says', async () => {
    const source = dataDir('source');
    await source.addTake(TAKES[0]!);
    await source.addTake(TAKES[1]!);
    await rm(source.store.wavPath(TAKES[1]!));
    const ogg = Buffer.concat([Buffer.from('OggS'), randomBytes(5000)]);
    await writeFile(path.join(source.store.dir, `${TAKES[1]}.opus`), ogg);
    await writeFile(path.join(source.store.dir, `${TAKES[2]}.opus`), Buffer.from('not an ogg at all'));
    const { result, zip } = await makeBackup(source, records(TAKES));
    expect(result.takes).toBe(2);
    expect(Object.keys(unzipSync(zip)).filter((name) => name.startsWith('audio/') && !name.endsWith('.json'))).toEqual([
      `audio/${TAKES[0]}.wav`,
      `audio/${TAKES[1]}.opus`,
    ]);
    const target = dataDir('target');
    expect(await restored(target, zip)).toMatchObject({ audioRestored: 2, audioConflicts: [] });
    expect(await readFile(path.join(target.store.dir, `${TAKES[1]}.opus`))).toEqual(ogg);
    expect(await restored(target, zip)).toMatchObject({ audioRestored: 0, audioAlreadyPresent: 2 });
  });

  it('restores a backup written in ZIP64 form (as one past 4 GiB or 65,535 files is)', async () => {
    const { source, zip } = await sourceWithBackup();
    const files = unzipSync(zip);
    const zip64 = new yazl.ZipFile();
    for (const [name, data] of Object.entries(files)) {
      zip64.addBuffer(Buffer.from(data), name, { compress: !name.endsWith('.wav'), forceZip64Format: true });
    }
    zip64.end({ forceZip64Format: true, comment: '' });
    const chunks: Buffer[] = [];
    for await (const chunk of zip64.outputStream as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
    const bytes = Buffer.concat(chunks);
    expect(bytes.includes(Buffer.from([0x50, 0x4b, 0x06, 0x06]))).toBe(true); // the ZIP64 end of central directory
    const target = dataDir('target');
    expect(await restored(target, bytes)).toMatchObject({ audioRestored: 3 });
    expect(await snapshot(target.dir)).toEqual(await snapshot(source.dir));
  });

  const root = typeof process.getuid === 'function' && process.getuid() === 0;

  it.skipIf(!root)(
    'a restore onto a full disk says so and changes nothing (a 256 KiB tmpfs data folder; needs root to mount)',
    async () => {
      const source = dataDir('source');
      await source.store.ensure();
      for (const takeId of TAKES) {
        const samples = Int16Array.from({ length: 100_000 }, (_, i) => (i * 7919 + takeId.charCodeAt(6) * 31) % 20_000);
        await writeFile(source.store.wavPath(takeId), encodeMonoWav(samples, 16_000));
      }
      const { zip } = await makeBackup(source, records(TAKES));
      await mkdir(path.join(base, 'small'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', path.join(base, 'small')]);
      try {
        const target = dataDir('small');
        const error = await restore(target, zip).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ServiceError);
        expect((error as ServiceError).message).toMatch(
          /^There is not enough free space on the disk of the data folder .* Nothing of it was restored$/,
        );
        expect(await snapshot(target.dir)).toEqual([]);
      } finally {
        execFileSync('umount', [path.join(base, 'small')]);
      }
    },
  );
  it.skipIf(!root)('a backup that fills the disk says so and leaves no partial file (a 256 KiB tmpfs; needs root to mount)', async () => {
    const source = dataDir('source');
    await source.store.ensure();
    for (const takeId of TAKES) {
      const samples = Int16Array.from({ length: 100_000 }, (_, i) => (i * 7919 + takeId.charCodeAt(6) * 31) % 20_000);
      await writeFile(source.store.wavPath(takeId), encodeMonoWav(samples, 16_000));
    }
    const small = path.join(base, 'small-disk');
    await mkdir(small);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', small]);
    try {
      const saver = new FileSaver({ exportsDir: small });
      const error = await createBackup({ ...source, saver, appVersion: '1' }, json(records(TAKES))).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).message).toMatch(
        /^There is not enough free space to save the backup \(it needs about 0\.0 GB\)\. Nothing was saved/,
      );
      expect(await readdir(small)).toEqual([]);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});
