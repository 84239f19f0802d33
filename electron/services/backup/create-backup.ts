// backup.create: checks the renderer's records, then streams one zip (see backup-format.ts) straight to
// where the person saves it, file to file: records.json, every attempt's audio (whichever audio files
// it has) with its sidecar, main's transcripts and, last, the manifest with every file's size and
// SHA-256. Only what backup.restore accepts goes in, so every backup made here can be restored.
// Progress is the bytes of audio and JSON gone in; Cancel, or a failure (a full disk), leaves no file.
import { promises as fs } from 'node:fs';
import type { Response } from '../../shared/contract';
import type { FileSaver } from '../files/file-saver';
import type { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { takeAudioFiles, transcriptPath, type TakeAudioCopy } from '../storage/data-layout';
import {
  AUDIO_HEAD_BYTES,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MANIFEST_PATH,
  RECORDS_PATH,
  audioEntry,
  audioFormatProblem,
  backupFileName,
  readRecords,
  sidecarEntry,
  sidecarProblem,
  transcriptEntry,
  transcriptFileProblem,
  type BackupManifest,
} from './backup-format';
import { JobCancelled, unwatched, type JobControl } from './backup-job';
import { isOutOfSpace } from './restore-backup';
import { ZipWriter, type ZippedFile } from './zip-writer';

export interface BackupSources {
  store: TakeStore;
  transcriptsDir: string;
  appVersion: string;
  saver: FileSaver;
  now?: () => Date;
}

const GB = 1e9;

export async function createBackup(
  sources: BackupSources,
  recordsBytes: Uint8Array,
  control: JobControl = unwatched(),
): Promise<Response<'backup.create'>> {
  const { store, transcriptsDir } = sources;
  const read = readRecords(recordsBytes);
  if (!read.ok) throw new ServiceError('bad-request', `backup.create: records are not valid: ${read.problem}`);
  const { records } = read;
  const now = sources.now?.() ?? new Date();
  const takeIds = records.attempts.map((attempt) => attempt.id);
  // Each take's audio that a restore accepts, decided before anything is written.
  const audioOf = new Map<string, TakeAudioCopy[]>();
  for (const takeId of takeIds) {
    const usable = [];
    for (const file of await takeAudioFiles(store.dir, takeId)) {
      if (audioFormatProblem(file.ext, await readHead(file.path)) === null) usable.push(file);
    }
    if (usable.length > 0) audioOf.set(takeId, usable);
  }
  const recordsJson = Buffer.from(JSON.stringify(records));
  const total = recordsJson.byteLength + [...audioOf.values()].flat().reduce((sum, file) => sum + file.bytes, 0);
  let done = 0;
  const report = (extra = 0) => control.progress('writing', Math.min(done + extra, total), total);

  const made = { done: false, bytes: 0, takes: 0 };
  try {
    const saved = await sources.saver.saveWith(backupFileName(now), async (handle) => {
      const zip = new ZipWriter(handle, control.signal);
      try {
        report();
        const files: ZippedFile[] = [await zip.addDeflated(RECORDS_PATH, recordsJson)];
        done += recordsJson.byteLength;
        const missingAudio: string[] = [];
        for (const takeId of takeIds) {
          const audio = audioOf.get(takeId);
          if (!audio) {
            missingAudio.push(takeId);
            continue;
          }
          for (const file of audio) {
            files.push(await zip.addStoredFile(audioEntry(takeId, file.ext), file.path, file.bytes, report));
            done += file.bytes;
            report();
          }
          const sidecar = await readOptional(store.metaPath(takeId));
          if (sidecar && sidecarProblem(sidecar, takeId) === null) files.push(await zip.addDeflated(sidecarEntry(takeId), sidecar));
        }
        for (const takeId of takeIds) {
          const transcript = await readOptional(transcriptPath(transcriptsDir, takeId));
          if (transcript && transcriptFileProblem(transcript, takeId) === null) {
            files.push(await zip.addDeflated(transcriptEntry(takeId), transcript));
          }
        }
        const manifest: BackupManifest = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: now.toISOString(),
          appVersion: sources.appVersion,
          files,
          counts: {
            questions: records.questions.length,
            attempts: records.attempts.length,
            transcripts: records.transcripts.length,
            loops: records.loops.length,
            audio: audioOf.size,
          },
          missingAudio,
        };
        await zip.addDeflated(MANIFEST_PATH, Buffer.from(JSON.stringify(manifest, null, 2)));
        await zip.end();
        Object.assign(made, { done: true, bytes: zip.bytes, takes: audioOf.size });
      } catch (error) {
        zip.abort();
        throw error;
      }
    });
    if (saved === null || !made.done) return notSaved();
    return { saved: true, path: saved, bytes: made.bytes, takes: made.takes };
  } catch (error) {
    if (error instanceof JobCancelled || cause(error) instanceof JobCancelled) return notSaved();
    if (isOutOfSpace(error) || isOutOfSpace(cause(error))) {
      throw new ServiceError(
        'internal',
        `There is not enough free space to save the backup (it needs about ${(total / GB).toFixed(1)} GB). ` +
          'Nothing was saved: free some space, or save it on another disk',
      );
    }
    throw error;
  }
}

const notSaved = (): Response<'backup.create'> => ({ saved: false, path: null, bytes: 0, takes: 0 });

/** The error FileSaver wrapped (it names the file it could not save). */
const cause = (error: unknown): unknown => (error instanceof ServiceError ? error.cause : undefined);

async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const head = new Uint8Array(AUDIO_HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, AUDIO_HEAD_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
