// backup.restore, file to file with bounded memory. A backup is checked completely before anything
// takes a place in the data folder: its directory first (only a backup's files, each once, each listed
// in the manifest with its size, each no larger than its kind may be), then every entry unpacked one at
// a time, off the main thread, into a staging folder inside the data folder, its SHA-256 and format
// checked on the way. Only when all of it is good do the staged files take their names, never replacing
// one: audio already here with the same bytes is counted as present, different audio is a conflict (the
// file here is kept). Should that fail, the files this restore placed are removed again; the staging
// folder is always removed, and one left by a crash is removed at the next start (clearRestoreStaging).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { describeIssues, type Response } from '../../shared/contract';
import type { BackupRecords } from '../../shared/backup-records';
import { FileExistsError, exists, moveNewFile } from '../files/atomic-file';
import type { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { takeAudioFiles, transcriptPath, type TakeAudioExtension } from '../storage/data-layout';
import {
  AUDIO_HEAD_BYTES,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupManifest,
  ENTRY_LIMITS,
  MANIFEST_PATH,
  MAX_DEFLATE_RATIO,
  RECORDS_PATH,
  audioFormatProblem,
  audioKindName,
  entryKind,
  parseJsonBytes,
  readRecords,
  sidecarEntry,
  sidecarProblem,
  transcriptFileProblem,
  type EntryKind,
  type ManifestFile,
} from './backup-format';
import { JobCancelled, throwIfCancelled, unwatched, type JobControl } from './backup-job';
import { NotAZipError, ZipReader, type ZipEntry } from './zip-reader';

export interface RestoreTargets {
  store: TakeStore;
  transcriptsDir: string;
  /** Where a restore stages what it unpacks: inside the data folder, so a rename moves it into place. */
  stagingDir: string;
  /** The takes being recorded now: their ids are never written to. */
  recordingIds(): Promise<Set<string>>;
}

/** One take's files in a backup, staged and checked. */
interface StagedTake {
  audio: { ext: TakeAudioExtension; file: string; bytes: number; sha256: string }[];
  sidecar?: string;
  transcript?: string;
}

/** A backup has records, a manifest and at most three files per take: more entries than this is no backup. */
const MAX_ENTRIES = 2 + 3 * 1_000_000;

const refuse = (message: string) => new ServiceError('bad-request', message);
const notZip = () => refuse('This file is not a Rehearse backup: it is not a zip file');
const foreign = (detail?: string) =>
  refuse(`This file is not a Rehearse backup: it was made by something else${detail ? ` (${detail})` : ''}`);
const damaged = (detail: string) => refuse(`This backup is damaged: ${detail}`);
const mismatch = (entryPath: string) => damaged(`${entryPath} does not match its checksum`);

/** Removes what a restore that did not finish (a crash, a kill) left in the staging folder. */
export async function clearRestoreStaging(stagingDir: string): Promise<void> {
  await fs.rm(stagingDir, { recursive: true, force: true });
}

/**
 * Checks every part of the backup at `zipPath`, then restores it; returns its records for the renderer.
 * A backup that is not good throws a ServiceError saying what is wrong, having changed nothing.
 */
export async function restoreBackup(
  targets: RestoreTargets,
  zipPath: string,
  control: JobControl = unwatched(),
): Promise<Response<'backup.restore'>> {
  await assertLooksLikeZip(zipPath);
  const reader = await ZipReader.open(zipPath).catch((error: unknown) => {
    throw error instanceof NotAZipError ? notZip() : error;
  });
  const staging = path.join(targets.stagingDir, randomBytes(6).toString('hex'));
  try {
    const checked = await checkAndStage(reader, staging, control);
    throwIfCancelled(control.signal);
    return await placeStaged(targets, checked, control);
  } catch (error) {
    if (error instanceof JobCancelled) return { restored: false };
    if (error instanceof ServiceError) throw error;
    if (isOutOfSpace(error)) {
      throw new ServiceError(
        'internal',
        `There is not enough free space on the disk of the data folder (${path.dirname(targets.stagingDir)}) to restore this backup: ` +
          'free some space, then restore it again. Nothing of it was restored',
      );
    }
    throw new ServiceError(
      'internal',
      `could not restore the backup (${error instanceof Error ? error.message : String(error)}); nothing of it was restored`,
    );
  } finally {
    reader.close();
    await fs.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await fs.rmdir(targets.stagingDir).catch(() => undefined); // when no other restore is staging there
  }
}

async function assertLooksLikeZip(zipPath: string): Promise<void> {
  const handle = await fs.open(zipPath, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw refuse(`There is no backup at ${zipPath}`);
    throw refuse(`The backup ${zipPath} cannot be read (${error.code ?? error.message})`);
  });
  try {
    const head = new Uint8Array(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    const stat = await handle.stat();
    const localHeader = head[2] === 3 && head[3] === 4;
    const emptyZip = head[2] === 5 && head[3] === 6;
    if (!stat.isFile() || bytesRead < 4 || stat.size < 22 || head[0] !== 0x50 || head[1] !== 0x4b || !(localHeader || emptyZip)) {
      throw notZip();
    }
  } finally {
    await handle.close();
  }
}

interface CheckedBackup {
  records: BackupRecords;
  takes: Map<string, StagedTake>;
}

/** Every check, and every byte unpacked into `staging`; nothing outside `staging` is written. */
async function checkAndStage(reader: ZipReader, staging: string, control: JobControl): Promise<CheckedBackup> {
  if (reader.entryCount > MAX_ENTRIES) throw foreign(`it holds more than ${MAX_ENTRIES} files`);
  const entries = await reader.entries().catch(() => {
    throw notZip();
  });

  // The manifest says whether this is a Rehearse backup at all, and of which version.
  const manifestEntries = entries.filter((entry) => entry.name === MANIFEST_PATH);
  const [manifestEntry] = manifestEntries;
  if (!manifestEntry) throw foreign();
  if (manifestEntries.length > 1) throw damaged(`${MANIFEST_PATH} is in it twice`);
  if (!isKnownCompression(manifestEntry) || boundProblem(manifestEntry, { kind: 'manifest' }) !== null) throw foreign();
  let manifestValue: unknown;
  try {
    manifestValue = parseJsonBytes((await readEntry(reader, manifestEntry, control.signal)).bytes);
  } catch (error) {
    if (error instanceof JobCancelled) throw error;
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

  // Only the files a backup has, each once, each unpacked in a way we use.
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

  // Exactly the files the manifest lists, each of the size it says, and no larger than its kind may be.
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
  const plan: { entry: ZipEntry; file: ManifestFile; kind: EntryKind }[] = [];
  for (const file of listed.values()) {
    const entry = byName.get(file.path);
    const kind = entryKind(file.path);
    if (!entry || !kind) throw damaged(`${file.path} is missing`);
    if (entry.size !== file.bytes) throw mismatch(file.path);
    const problem = boundProblem(entry, kind);
    if (problem) throw damaged(`${file.path} ${problem}`);
    plan.push({ entry, file, kind });
  }
  // Front to back through the file.
  plan.sort((a, b) => a.entry.offset - b.entry.offset);

  // Every byte as the manifest says, one entry at a time, into the staging folder.
  const total = plan.reduce((sum, { file }) => sum + file.bytes, 0);
  let done = 0;
  const report = (bytes: number) => control.progress('checking', done + bytes, total);
  report(0);
  await fs.mkdir(path.join(staging, 'audio'), { recursive: true });
  await fs.mkdir(path.join(staging, 'transcripts'), { recursive: true });
  let records: BackupRecords | null = null;
  const takes = new Map<string, StagedTake>();
  const takeOf = (takeId: string) => takes.get(takeId) ?? (takes.set(takeId, { audio: [] }).get(takeId) as StagedTake);
  for (const { entry, file, kind } of plan) {
    throwIfCancelled(control.signal);
    if (kind.kind === 'audio') {
      const staged = path.join(staging, file.path);
      const read = await stageEntry(reader, entry, staged, control.signal, report);
      if (read.bytes !== file.bytes || read.sha256 !== file.sha256) throw mismatch(file.path);
      const problem = audioFormatProblem(kind.ext, read.head);
      if (problem !== null) throw damaged(`${file.path} is not ${audioKindName(kind.ext)} (${problem})`);
      takeOf(kind.takeId).audio.push({ ext: kind.ext, file: staged, bytes: read.bytes, sha256: read.sha256 });
    } else if (kind.kind !== 'manifest') {
      const read = await readEntry(reader, entry, control.signal, report);
      if (read.bytes.byteLength !== file.bytes || read.sha256 !== file.sha256) throw mismatch(file.path);
      if (kind.kind === 'records') {
        const parsed = readRecords(read.bytes);
        if (!parsed.ok) throw damaged(`${RECORDS_PATH} is not valid: ${parsed.problem}`);
        records = parsed.records;
      } else {
        const problem = kind.kind === 'sidecar' ? sidecarProblem(read.bytes, kind.takeId) : transcriptFileProblem(read.bytes, kind.takeId);
        if (problem !== null) {
          throw damaged(`${file.path} is not ${kind.kind === 'sidecar' ? "a take's description" : 'a transcript'} (${problem})`);
        }
        const staged = path.join(staging, file.path);
        await writeSynced(staged, read.bytes);
        takeOf(kind.takeId)[kind.kind] = staged;
      }
    }
    done += file.bytes;
    report(0);
  }
  if (!records) throw damaged(`${RECORDS_PATH} is missing`);
  const valid: BackupRecords = records;

  // Each take's files: ones records.json knows, and no description without its audio.
  const attemptIds = new Set(valid.attempts.map((attempt) => attempt.id));
  for (const { file, kind } of plan) {
    if ('takeId' in kind && !attemptIds.has(kind.takeId)) throw damaged(`${file.path} belongs to no attempt in ${RECORDS_PATH}`);
  }
  for (const [takeId, take] of takes) {
    if (take.sidecar && take.audio.length === 0) throw damaged(`${sidecarEntry(takeId)} has no audio beside it`);
  }
  const audio = [...takes.values()].filter((take) => take.audio.length > 0).length;
  const { counts } = manifest;
  if (
    counts.questions !== valid.questions.length ||
    counts.attempts !== valid.attempts.length ||
    counts.transcripts !== valid.transcripts.length ||
    counts.loops !== valid.loops.length ||
    counts.audio !== audio
  ) {
    throw damaged(`the counts in ${MANIFEST_PATH} do not match ${RECORDS_PATH} and the audio`);
  }
  return { records: valid, takes };
}

/** Gives the checked, staged files their places in the data folder, replacing none. */
async function placeStaged(targets: RestoreTargets, backup: CheckedBackup, control: JobControl): Promise<Response<'backup.restore'>> {
  const { store, transcriptsDir } = targets;
  const recording = await targets.recordingIds();
  const created: string[] = [];
  const placeIfAbsent = async (staged: string, target: string): Promise<boolean> => {
    try {
      await moveNewFile(staged, target);
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
  const takeIds = [...backup.takes.keys()].sort();
  try {
    await fs.mkdir(store.dir, { recursive: true });
    await fs.mkdir(transcriptsDir, { recursive: true });
    for (const [index, takeId] of takeIds.entries()) {
      control.progress('restoring', index, takeIds.length);
      const take = backup.takes.get(takeId) ?? { audio: [] };
      if (take.audio.length > 0) {
        const here = await takeAudioFiles(store.dir, takeId);
        if (recording.has(takeId) || (await exists(store.partialPath(takeId)))) {
          audioConflicts.push(takeId);
          continue;
        }
        if (here.length > 0) {
          if (!(await sameAudio(take.audio, here))) {
            audioConflicts.push(takeId);
            continue;
          }
          if (take.sidecar) await placeIfAbsent(take.sidecar, store.metaPath(takeId));
          audioAlreadyPresent += 1;
        } else {
          // The sidecar goes first, so the audio never appears without its question.
          if (take.sidecar) await placeIfAbsent(take.sidecar, store.metaPath(takeId));
          let placed = true;
          for (const audio of take.audio)
            placed = (await placeIfAbsent(audio.file, path.join(store.dir, `${takeId}.${audio.ext}`))) && placed;
          if (placed) audioRestored += 1;
          else {
            audioConflicts.push(takeId);
            continue;
          }
        }
      }
      if (take.transcript) await placeIfAbsent(take.transcript, transcriptPath(transcriptsDir, takeId));
    }
    control.progress('restoring', takeIds.length, takeIds.length);
  } catch (error) {
    await Promise.all(created.map((file) => fs.rm(file, { force: true }).catch(() => undefined)));
    throw error;
  }
  return { restored: true, records: backup.records, audioRestored, audioAlreadyPresent, audioConflicts };
}

/** Whether the take's audio here is exactly the backup's: the same files, the same bytes. */
async function sameAudio(backup: StagedTake['audio'], here: { ext: string; path: string; bytes: number }[]): Promise<boolean> {
  if (backup.length !== here.length) return false;
  for (const audio of backup) {
    const mine = here.find((file) => file.ext === audio.ext);
    if (!mine || mine.bytes !== audio.bytes || (await fileSha256(mine.path)) !== audio.sha256) return false;
  }
  return true;
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Why `entry` may not be unpacked as a `kind`, or null: larger than its kind may be, or than its packed size can hold. */
function boundProblem(entry: ZipEntry, kind: EntryKind): string | null {
  if (entry.size > ENTRY_LIMITS[kind.kind]) return 'is larger than any backup holds';
  if (kind.kind === 'audio' && entry.method !== 0) return 'is compressed in a way Rehearse does not use';
  if (entry.method === 8 && entry.size > entry.compressedSize * MAX_DEFLATE_RATIO + 1024) return 'declares more than it can hold';
  return null;
}

function isKnownCompression(entry: ZipEntry): boolean {
  return !entry.encrypted && (entry.method === 0 || entry.method === 8);
}

/** An entry's bytes in memory (bounded by its kind's limit before this is called), with their SHA-256. */
async function readEntry(
  reader: ZipReader,
  entry: ZipEntry,
  signal: AbortSignal,
  report: (bytes: number) => void = () => undefined,
): Promise<{ bytes: Uint8Array; sha256: string }> {
  const chunks: Buffer[] = [];
  const hash = createHash('sha256');
  let bytes = 0;
  await eachChunk(reader, entry, signal, (chunk) => {
    chunks.push(chunk);
    hash.update(chunk);
    bytes += chunk.byteLength;
    report(bytes);
  });
  return { bytes: Buffer.concat(chunks), sha256: hash.digest('hex') };
}

/** Unpacks an entry into the file `target` (synced), with its SHA-256 and first bytes. */
async function stageEntry(
  reader: ZipReader,
  entry: ZipEntry,
  target: string,
  signal: AbortSignal,
  report: (bytes: number) => void,
): Promise<{ bytes: number; sha256: string; head: Uint8Array }> {
  const handle = await fs.open(target, 'wx');
  const hash = createHash('sha256');
  const head = new Uint8Array(AUDIO_HEAD_BYTES);
  let bytes = 0;
  try {
    const batch = new Batcher(handle);
    await eachChunk(reader, entry, signal, async (chunk) => {
      if (bytes < AUDIO_HEAD_BYTES) head.set(chunk.subarray(0, AUDIO_HEAD_BYTES - bytes), bytes);
      hash.update(chunk);
      bytes += chunk.byteLength;
      await batch.add(chunk);
      report(bytes);
    });
    await batch.flush();
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest('hex'), head: head.subarray(0, Math.min(bytes, AUDIO_HEAD_BYTES)) };
}

/** Gathers small chunks into writes of about 1 MiB. */
class Batcher {
  private chunks: Buffer[] = [];
  private size = 0;
  constructor(private readonly handle: FileHandle) {}

  async add(chunk: Buffer): Promise<void> {
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    if (this.size >= 1024 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    for (let at = 0; at < data.byteLength;) at += (await this.handle.write(data, at, data.byteLength - at)).bytesWritten;
  }
}

/** Feeds the entry's unpacked bytes to `use`, a chunk at a time; a bad entry is "cannot be unpacked". */
async function eachChunk(
  reader: ZipReader,
  entry: ZipEntry,
  signal: AbortSignal,
  use: (chunk: Buffer) => void | Promise<void>,
): Promise<void> {
  let stream: Awaited<ReturnType<ZipReader['stream']>>;
  try {
    stream = await reader.stream(entry);
  } catch {
    throw damaged(`${entry.name} cannot be unpacked`);
  }
  try {
    for await (const chunk of stream) {
      throwIfCancelled(signal);
      await use(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof JobCancelled || isFileSystemError(error)) throw error;
    throw damaged(`${entry.name} cannot be unpacked`);
  } finally {
    stream.destroy();
  }
}

async function writeSynced(target: string, bytes: Uint8Array): Promise<void> {
  const handle = await fs.open(target, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function isFileSystemError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException | null)?.syscall === 'string';
}

export function isOutOfSpace(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
