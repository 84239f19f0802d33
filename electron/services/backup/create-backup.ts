// backup.create: checks the renderer's records, then writes one zip (see backup-format.ts) straight to
// where the person saves it: records.json, every attempt's audio with its sidecar, main's transcripts
// and, last, the manifest with every file's size and SHA-256. Only what backup.restore accepts goes in,
// so every backup made here can be restored.
import { promises as fs } from 'node:fs';
import { MAX_BACKUP_BYTES, type Response } from '../../shared/contract';
import type { FileSaver } from '../files/file-saver';
import type { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { transcriptPath } from '../storage/data-layout';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  MANIFEST_PATH,
  RECORDS_PATH,
  backupFileName,
  opusEntry,
  opusFormatProblem,
  readRecords,
  sidecarEntry,
  sidecarProblem,
  transcriptEntry,
  transcriptFileProblem,
  wavEntry,
  wavFormatProblem,
  type BackupManifest,
} from './backup-format';
import { MAX_ZIP_ENTRIES, ZipStream, type ZippedFile } from './zip-stream';

export interface BackupSources {
  store: TakeStore;
  transcriptsDir: string;
  appVersion: string;
  saver: FileSaver;
  now?: () => Date;
}

/** Zip headers per stored file: local header, data descriptor and central directory entry, without the name. */
const ENTRY_OVERHEAD = 30 + 16 + 46;
const GiB = 1024 * 1024 * 1024;

export async function createBackup(sources: BackupSources, recordsBytes: Uint8Array): Promise<Response<'backup.create'>> {
  const { store, transcriptsDir } = sources;
  const read = readRecords(recordsBytes);
  if (!read.ok) throw new ServiceError('bad-request', `backup.create: records are not valid: ${read.problem}`);
  const { records } = read;
  const now = sources.now?.() ?? new Date();
  const takeIds = records.attempts.map((attempt) => attempt.id);
  const audioBytes = await Promise.all(takeIds.map(async (takeId) => (await store.audio(takeId))?.bytes ?? 0));
  const recordsJson = Buffer.from(JSON.stringify(records));

  // Refuse early what could not be restored: more than a zip can list, or certainly more than 1 GiB.
  const entriesAtMost = 2 + takeIds.length * 3;
  if (entriesAtMost > MAX_ZIP_ENTRIES) {
    throw new ServiceError(
      'unsupported',
      `a backup holds at most ${Math.floor((MAX_ZIP_ENTRIES - 2) / 3)} takes; these records have ${takeIds.length}`,
    );
  }
  const atLeast = audioBytes.reduce((sum, bytes) => sum + bytes + (bytes > 0 ? ENTRY_OVERHEAD + 60 : 0), 0);
  if (atLeast > MAX_BACKUP_BYTES) throw tooLarge(atLeast);

  const made = { done: false, bytes: 0, takes: 0 };
  const saved = await sources.saver.saveWith(backupFileName(now), async (handle) => {
    const zip = new ZipStream(handle);
    const files: ZippedFile[] = [await zip.addDeflated(RECORDS_PATH, recordsJson)];
    const missingAudio: string[] = [];
    for (const takeId of takeIds) {
      // Looked up twice: a take compressed meanwhile has traded its WAV for an .opus file.
      const audio = (await addAudio(zip, store, takeId)) ?? (await addAudio(zip, store, takeId));
      if (!audio) {
        missingAudio.push(takeId);
        continue;
      }
      files.push(audio);
      const sidecar = await readOptional(store.metaPath(takeId));
      if (sidecar && sidecarProblem(sidecar, takeId) === null) files.push(await zip.addDeflated(sidecarEntry(takeId), sidecar));
      if (zip.bytes > MAX_BACKUP_BYTES) throw tooLarge(zip.bytes);
    }
    for (const takeId of takeIds) {
      const transcript = await readOptional(transcriptPath(transcriptsDir, takeId));
      if (transcript && transcriptFileProblem(transcript, takeId) === null) {
        files.push(await zip.addDeflated(transcriptEntry(takeId), transcript));
      }
    }
    const audio = takeIds.length - missingAudio.length;
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
        audio,
      },
      missingAudio,
    };
    await zip.addDeflated(MANIFEST_PATH, Buffer.from(JSON.stringify(manifest, null, 2)));
    await zip.end();
    if (zip.bytes > MAX_BACKUP_BYTES) throw tooLarge(zip.bytes);
    Object.assign(made, { done: true, bytes: zip.bytes, takes: audio });
  });
  if (saved === null || !made.done) return { saved: false, path: null, bytes: 0, takes: 0 };
  return { saved: true, path: saved, bytes: made.bytes, takes: made.takes };
}

function tooLarge(bytes: number): ServiceError {
  return new ServiceError(
    'unsupported',
    `this backup would be more than ${(bytes / GiB).toFixed(1)} GiB, and Rehearse restores backups of up to ${MAX_BACKUP_BYTES / GiB} GiB: ` +
      'delete takes you no longer need, then back up again',
  );
}

/** Stores the take's audio, WAV or Ogg Opus, whichever it has; null when it has none that checks out. */
async function addAudio(zip: ZipStream, store: TakeStore, takeId: string): Promise<ZippedFile | null> {
  const audio = await store.audio(takeId);
  if (!audio) return null;
  if (audio.format === 'opus') return zip.addStoredFile(opusEntry(takeId), audio.path, (head) => opusFormatProblem(head) === null);
  return zip.addStoredFile(wavEntry(takeId), audio.path, (head) => wavFormatProblem(head) === null);
}

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
