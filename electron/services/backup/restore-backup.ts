// backup.restore: a backup is checked completely, in memory, before anything is written (readBackup,
// which touches no file), so a file that is not a Rehearse backup, or a damaged one, changes nothing.
// Then each take's files are written without replacing any: audio already here with the same bytes is
// counted as present, different audio is a conflict (the file here is kept). Should writing fail, the
// files this restore wrote are removed again.
import { promises as fs } from 'node:fs';
import { unzipSync } from 'fflate';
import { MAX_BACKUP_BYTES, MAX_SAVE_BYTES, describeIssues, type Response } from '../../shared/contract';
import type { BackupRecords } from '../../shared/backup-records';
import { FileExistsError, exists, writeNewFile } from '../files/atomic-file';
import type { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { transcriptPath } from '../storage/data-layout';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupManifest,
  MANIFEST_PATH,
  RECORDS_PATH,
  entryKind,
  parseJsonBytes,
  readRecords,
  sha256,
  sidecarEntry,
  sidecarProblem,
  transcriptFileProblem,
  opusEntry,
  opusFormatProblem,
  wavEntry,
  wavFormatProblem,
  type ManifestFile,
} from './backup-format';
import { MAX_ZIP_ENTRIES } from './zip-stream';

export interface RestoreTargets {
  store: TakeStore;
  transcriptsDir: string;
  /** The takes being recorded now: their ids are never written to. */
  recordingIds(): Promise<Set<string>>;
}

/** One take's files in a backup. */
export interface BackupTake {
  wav?: Uint8Array;
  /** A compressed take's Ogg Opus audio (instead of its WAV). */
  opus?: Uint8Array;
  sidecar?: Uint8Array;
  transcript?: Uint8Array;
}

export interface ValidBackup {
  manifest: BackupManifest;
  records: BackupRecords;
  takes: Map<string, BackupTake>;
}

interface ZipEntry {
  name: string;
  size: number;
  originalSize: number;
  compression: number;
}

const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Everything a backup unpacks to, all files together (its audio is stored, so about its own size). */
const MAX_UNPACKED_BYTES = 2 * MAX_BACKUP_BYTES;

const refuse = (message: string) => new ServiceError('bad-request', message);
const notZip = () => refuse('This file is not a Rehearse backup: it is not a zip file');
const foreign = (detail?: string) =>
  refuse(`This file is not a Rehearse backup: it was made by something else${detail ? ` (${detail})` : ''}`);
const damaged = (detail: string) => refuse(`This backup is damaged: ${detail}`);
const mismatch = (entryPath: string) => damaged(`${entryPath} does not match its checksum`);

/**
 * Checks every part of a backup and returns what it holds; throws a ServiceError saying what is wrong
 * otherwise. Reads nothing from disk and writes nothing.
 */
export function readBackup(data: Uint8Array): ValidBackup {
  const entries = listEntries(data);

  // The manifest says whether this is a Rehearse backup at all, and of which version.
  const manifestEntries = entries.filter((entry) => entry.name === MANIFEST_PATH);
  const [manifestEntry] = manifestEntries;
  if (!manifestEntry) throw foreign();
  if (manifestEntries.length > 1) throw damaged(`${MANIFEST_PATH} is in it twice`);
  if (manifestEntry.originalSize > MAX_MANIFEST_BYTES || !isKnownCompression(manifestEntry)) throw foreign();
  let manifestValue: unknown;
  try {
    manifestValue = parseJsonBytes(unpack(data, new Set([MANIFEST_PATH])).get(MANIFEST_PATH) ?? new Uint8Array(0));
  } catch {
    throw foreign();
  }
  const head = (typeof manifestValue === 'object' && manifestValue !== null ? manifestValue : {}) as {
    format?: unknown;
    version?: unknown;
  };
  if (head.format !== BACKUP_FORMAT || typeof head.version !== 'number' || !Number.isInteger(head.version) || head.version < 1) {
    throw foreign();
  }
  if (head.version > BACKUP_VERSION) {
    throw refuse(
      `This backup was made by a newer version of Rehearse (backup version ${head.version}; this one reads version ${BACKUP_VERSION}): ` +
        'update Rehearse to restore it',
    );
  }

  // Only the files a backup has, each once.
  const byName = new Map<string, ZipEntry>();
  for (const entry of entries) {
    if (!entryKind(entry.name)) throw foreign(`it holds ${JSON.stringify(entry.name)}, which no Rehearse backup has`);
    if (byName.has(entry.name)) throw damaged(`${entry.name} is in it twice`);
    if (!isKnownCompression(entry)) throw damaged(`${entry.name} is compressed in a way Rehearse does not use`);
    byName.set(entry.name, entry);
  }

  const parsedManifest = BackupManifest.safeParse(manifestValue);
  if (!parsedManifest.success) throw damaged(`${MANIFEST_PATH} is not valid (${describeIssues(parsedManifest.error)})`);
  const manifest = parsedManifest.data;

  // Exactly the files the manifest lists, each of the size it says.
  const listed = new Map<string, ManifestFile>();
  for (const file of manifest.files) {
    const kind = entryKind(file.path);
    if (!kind || kind.kind === 'manifest')
      throw damaged(`${MANIFEST_PATH} lists ${JSON.stringify(file.path)}, which no Rehearse backup has`);
    if (listed.has(file.path)) throw damaged(`${MANIFEST_PATH} lists ${file.path} twice`);
    listed.set(file.path, file);
  }
  for (const entry of byName.values()) {
    if (entry.name !== MANIFEST_PATH && !listed.has(entry.name)) throw damaged(`${entry.name} is not listed in its manifest`);
  }
  if (!listed.has(RECORDS_PATH)) throw damaged(`${RECORDS_PATH} is missing`);
  let unpackedBytes = 0;
  for (const file of listed.values()) {
    const entry = byName.get(file.path);
    if (!entry) throw damaged(`${file.path} is missing`);
    if (entry.originalSize !== file.bytes || (entry.compression === 0 && entry.size !== entry.originalSize)) throw mismatch(file.path);
    if (entry.compression !== 0 && file.bytes > MAX_SAVE_BYTES) throw damaged(`${file.path} is larger than any backup holds`);
    unpackedBytes += file.bytes;
  }
  if (unpackedBytes > MAX_UNPACKED_BYTES) throw damaged('it unpacks to more than any backup holds');

  // Every byte as the manifest says.
  const contents = unpack(data, new Set(listed.keys()));
  for (const file of listed.values()) {
    const bytes = contents.get(file.path);
    if (!bytes || bytes.byteLength !== file.bytes || sha256(bytes) !== file.sha256) throw mismatch(file.path);
  }

  const read = readRecords(contents.get(RECORDS_PATH) ?? new Uint8Array(0));
  if (!read.ok) throw damaged(`${RECORDS_PATH} is not valid: ${read.problem}`);
  const { records } = read;

  // Each take's files: ones records.json knows, each what it should be.
  const attemptIds = new Set(records.attempts.map((attempt) => attempt.id));
  const takes = new Map<string, BackupTake>();
  for (const [entryPath, bytes] of contents) {
    const kind = entryKind(entryPath);
    if (!kind || !('takeId' in kind)) continue;
    if (!attemptIds.has(kind.takeId)) throw damaged(`${entryPath} belongs to no attempt in ${RECORDS_PATH}`);
    const problem =
      kind.kind === 'wav'
        ? wavFormatProblem(bytes)
        : kind.kind === 'opus'
          ? opusFormatProblem(bytes)
          : kind.kind === 'sidecar'
            ? sidecarProblem(bytes, kind.takeId)
            : transcriptFileProblem(bytes, kind.takeId);
    if (problem !== null) {
      const what = {
        wav: 'a 16 kHz mono 16-bit WAV',
        opus: 'Ogg Opus audio',
        sidecar: "a take's description",
        transcript: 'a transcript',
      }[kind.kind];
      throw damaged(`${entryPath} is not ${what} (${problem})`);
    }
    const take = takes.get(kind.takeId) ?? {};
    take[kind.kind] = bytes;
    takes.set(kind.takeId, take);
  }
  for (const [takeId, take] of takes) {
    if (take.sidecar && !take.wav && !take.opus) throw damaged(`${sidecarEntry(takeId)} has no ${wavEntry(takeId)} beside it`);
    if (take.wav && take.opus) throw damaged(`${wavEntry(takeId)} and ${opusEntry(takeId)} are both there: a take has one audio file`);
  }
  const audio = [...takes.values()].filter((take) => take.wav || take.opus).length;
  const { counts } = manifest;
  if (
    counts.questions !== records.questions.length ||
    counts.attempts !== records.attempts.length ||
    counts.transcripts !== records.transcripts.length ||
    counts.loops !== records.loops.length ||
    counts.audio !== audio
  ) {
    throw damaged(`the counts in ${MANIFEST_PATH} do not match ${RECORDS_PATH} and the audio`);
  }
  return { manifest, records, takes };
}

/** Restores a backup after readBackup accepted all of it; returns its records for the renderer. */
export async function restoreBackup(targets: RestoreTargets, data: Uint8Array): Promise<Response<'backup.restore'>> {
  const backup = readBackup(data);
  const { store, transcriptsDir } = targets;
  const recording = await targets.recordingIds();
  const created: string[] = [];
  const writeIfAbsent = async (target: string, bytes: Uint8Array): Promise<boolean> => {
    try {
      await writeNewFile(target, bytes);
    } catch (error) {
      if (error instanceof FileExistsError) return false;
      throw error;
    }
    created.push(target);
    return true;
  };
  let audioRestored = 0;
  let audioAlreadyPresent = 0;
  const audioConflicts: string[] = [];
  try {
    await fs.mkdir(store.dir, { recursive: true });
    await fs.mkdir(transcriptsDir, { recursive: true });
    for (const takeId of [...backup.takes.keys()].sort()) {
      const take = backup.takes.get(takeId) ?? {};
      const bytes = take.wav ?? take.opus;
      if (bytes) {
        const target = take.wav ? store.wavPath(takeId) : store.opusPath(takeId);
        // The same take here in its other form (compressed since, or not yet) is the same audio.
        const otherForm = take.wav ? store.opusPath(takeId) : store.wavPath(takeId);
        const here = (await exists(otherForm)) ? 'same' : await compareWithExisting(target, bytes);
        if (here === 'different' || recording.has(takeId) || (await exists(store.partialPath(takeId)))) {
          audioConflicts.push(takeId);
          continue;
        }
        // The sidecar goes first, so the audio never appears without its question.
        if (take.sidecar) await writeIfAbsent(store.metaPath(takeId), take.sidecar);
        if (here === 'same') audioAlreadyPresent += 1;
        else if (await writeIfAbsent(target, bytes)) audioRestored += 1;
        else {
          audioConflicts.push(takeId);
          continue;
        }
      }
      if (take.transcript) await writeIfAbsent(transcriptPath(transcriptsDir, takeId), take.transcript);
    }
  } catch (error) {
    await Promise.all(created.map((file) => fs.rm(file, { force: true }).catch(() => undefined)));
    throw new ServiceError(
      'internal',
      `could not restore the backup (${error instanceof Error ? error.message : String(error)}); nothing of it was restored`,
    );
  }
  return { records: backup.records, audioRestored, audioAlreadyPresent, audioConflicts };
}

/** Whether `target` holds exactly `bytes`: 'absent' when there is no such file. */
async function compareWithExisting(target: string, bytes: Uint8Array): Promise<'absent' | 'same' | 'different'> {
  const stat = await fs.lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!stat) return 'absent';
  if (!stat.isFile() || stat.size !== bytes.byteLength) return 'different';
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).equals(await fs.readFile(target)) ? 'same' : 'different';
}

function isKnownCompression(entry: ZipEntry): boolean {
  return entry.compression === 0 || entry.compression === 8;
}

/** The entries of a zip, from its central directory, without unpacking any. */
function listEntries(data: Uint8Array): ZipEntry[] {
  const signature = data.byteLength >= 22 && data[0] === 0x50 && data[1] === 0x4b;
  const localHeader = data[2] === 3 && data[3] === 4;
  const emptyZip = data[2] === 5 && data[3] === 6;
  if (!signature || !(localHeader || emptyZip)) throw notZip();
  const entries: ZipEntry[] = [];
  let tooMany = false;
  try {
    unzipSync(data, {
      filter: ({ name, size, originalSize, compression }) => {
        if (entries.length >= MAX_ZIP_ENTRIES) {
          tooMany = true;
          throw new Error('too many entries');
        }
        entries.push({ name, size, originalSize, compression });
        return false;
      },
    });
  } catch {
    if (tooMany) throw foreign(`it holds more than ${MAX_ZIP_ENTRIES} files`);
    throw notZip();
  }
  for (const entry of entries) {
    const sizes = [entry.size, entry.originalSize];
    if (!sizes.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= data.byteLength * 1100 + 1024)) throw notZip();
  }
  return entries;
}

/** Unpacks the entries named in `names` (checked and of bounded size by then). */
function unpack(data: Uint8Array, names: Set<string>): Map<string, Uint8Array> {
  let current = '';
  try {
    const files = unzipSync(data, {
      filter: ({ name }) => {
        current = name;
        return names.has(name);
      },
    });
    return new Map(Object.entries(files));
  } catch {
    throw damaged(`${current || 'a file'} cannot be unpacked`);
  }
}
