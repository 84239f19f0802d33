// What a Rehearse backup is: one zip (ZIP64 where it needs to be: no limit on its size or its number of
// files) holding
//   manifest.json               what is in it: every other file with its size and SHA-256
//   records.json                the renderer's database (BackupRecords)
//   audio/<takeId>.<ext>        each attempt's audio, whichever of TAKE_AUDIO_EXTENSIONS it has (stored, not
//                               compressed: it would not shrink)
//   audio/<takeId>.json         the take's sidecar, as main keeps it beside the audio
//   transcripts/<takeId>.json   main's transcript of the take, when it has one
// and nothing else. Attempts whose audio was not on disk are named in the manifest's missingAudio.
// Every entry has a most it may hold (ENTRY_LIMITS), so restore never unpacks more than that per entry.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BackupRecords } from '../../shared/backup-records';
import { MAX_SAVE_BYTES, TakeId, TakeStatus, TranscriptionState, describeIssues } from '../../shared/contract';
import { readWavInfo } from '../audio/wav';
import { isTakeAudioExtension, type TakeAudioExtension } from '../storage/data-layout';

export const BACKUP_FORMAT = 'rehearse-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
export const RECORDS_PATH = 'records.json';

export const ManifestFile = z
  .object({ path: z.string(), bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();
export type ManifestFile = z.infer<typeof ManifestFile>;

export const BackupManifest = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    /** ISO 8601. */
    createdAt: z.string(),
    appVersion: z.string(),
    /** Every file of the backup but the manifest itself. */
    files: z.array(ManifestFile),
    counts: z
      .object({
        questions: z.number().int().min(0),
        attempts: z.number().int().min(0),
        transcripts: z.number().int().min(0),
        loops: z.number().int().min(0),
        /** Attempts whose audio is in the backup. */
        audio: z.number().int().min(0),
      })
      .strict(),
    /** Attempts whose audio was not on disk when the backup was made. */
    missingAudio: z.array(TakeId),
  })
  .strict();
export type BackupManifest = z.infer<typeof BackupManifest>;

/** A take's sidecar (recordings/take-store.ts TakeMeta), checked before it is restored. */
export const TakeSidecar = z.object({
  takeId: TakeId,
  questionId: z.string(),
  startedAt: z.number(),
  status: TakeStatus,
  gaps: z.array(z.object({ atMs: z.number(), gapMs: z.number() })),
});

export type TakeFileKind = 'audio' | 'sidecar' | 'transcript';
export type EntryKind =
  | { kind: 'manifest' }
  | { kind: 'records' }
  | { kind: 'audio'; takeId: string; ext: TakeAudioExtension }
  | { kind: 'sidecar' | 'transcript'; takeId: string };

const TAKE_ENTRY = /^(audio|transcripts)\/([^/]+)\.([a-z0-9]+)$/;
const MiB = 1024 * 1024;

/**
 * The most an entry of each kind may hold, unpacked. Audio is stored (its size is its size in the zip, so
 * the zip's own size bounds it); everything else is JSON read into memory, one entry at a time.
 */
export const ENTRY_LIMITS: Record<EntryKind['kind'], number> = {
  manifest: 64 * MiB,
  records: MAX_SAVE_BYTES,
  audio: Number.MAX_SAFE_INTEGER,
  sidecar: 1 * MiB,
  transcript: 64 * MiB,
};
/** Deflate shrinks data at most about 1032 to 1: an entry declaring more than that of its packed size lies. */
export const MAX_DEFLATE_RATIO = 1032;

/** What a zip entry is, by its path; null for anything a backup never holds. */
export function entryKind(entryPath: string): EntryKind | null {
  if (entryPath === MANIFEST_PATH) return { kind: 'manifest' };
  if (entryPath === RECORDS_PATH) return { kind: 'records' };
  const match = TAKE_ENTRY.exec(entryPath);
  if (!match) return null;
  const [, folder, takeId = '', ext = ''] = match;
  if (!TakeId.safeParse(takeId).success) return null;
  if (folder === 'transcripts') return ext === 'json' ? { kind: 'transcript', takeId } : null;
  if (ext === 'json') return { kind: 'sidecar', takeId };
  return isTakeAudioExtension(ext) ? { kind: 'audio', takeId, ext } : null;
}

export const audioEntry = (takeId: string, ext: TakeAudioExtension) => `audio/${takeId}.${ext}`;
export const sidecarEntry = (takeId: string) => `audio/${takeId}.json`;
export const transcriptEntry = (takeId: string) => `transcripts/${takeId}.json`;

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parses UTF-8 JSON strictly (a byte that is not UTF-8 is an error, not a replacement character). */
export function parseJsonBytes(data: Uint8Array): unknown {
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
}

/** The records of records.json (or of backup.create), or why they are not valid, naming the field. */
export function readRecords(data: Uint8Array): { ok: true; records: BackupRecords } | { ok: false; problem: string } {
  let value: unknown;
  try {
    value = parseJsonBytes(data);
  } catch (error) {
    return { ok: false, problem: `not UTF-8 JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = BackupRecords.safeParse(value);
  return parsed.success ? { ok: true, records: parsed.data } : { ok: false, problem: describeIssues(parsed.error) };
}

/** Why `head` (a WAV, or its first bytes) is not a take's audio, 16 kHz mono 16-bit PCM; null when it is. */
export function wavFormatProblem(head: Uint8Array): string | null {
  try {
    const info = readWavInfo(Buffer.from(head.buffer, head.byteOffset, head.byteLength));
    if (info.format === 'pcm' && info.sampleRate === 16_000 && info.channels === 1 && info.bitsPerSample === 16) return null;
    return `it is ${info.sampleRate} Hz, ${info.channels} channel${info.channels === 1 ? '' : 's'}, ${info.bitsPerSample}-bit ${info.format}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** How many first bytes of an audio file audioFormatProblem needs. */
export const AUDIO_HEAD_BYTES = 64;

/**
 * Why `head` (the first bytes of a take's audio file of kind `ext`) is not what that kind should be;
 * null when it is. A WAV must be a take's 16 kHz mono 16-bit PCM; an .opus file must begin as an Ogg
 * stream does ("OggS").
 */
export function audioFormatProblem(ext: TakeAudioExtension, head: Uint8Array): string | null {
  if (ext === 'wav') return wavFormatProblem(head);
  const magic = [0x4f, 0x67, 0x67, 0x53];
  return magic.every((byte, i) => head[i] === byte) ? null : `it does not begin as a .${ext} file does`;
}

/** What audio of kind `ext` is called when it is not what it should be. */
export const audioKindName = (ext: TakeAudioExtension): string => (ext === 'wav' ? 'a 16 kHz mono 16-bit WAV' : `a .${ext} audio file`);

/** Why `data` is not main's saved transcript of `takeId`, or null when it is. */
export function transcriptFileProblem(data: Uint8Array, takeId: string): string | null {
  let value: unknown;
  try {
    value = parseJsonBytes(data);
  } catch {
    return 'it is not JSON';
  }
  const parsed = TranscriptionState.safeParse(value);
  if (!parsed.success) return describeIssues(parsed.error);
  if (parsed.data.takeId !== takeId) return `it is the transcript of ${parsed.data.takeId}`;
  return null;
}

/** Why `data` is not the sidecar of `takeId`, or null when it is. */
export function sidecarProblem(data: Uint8Array, takeId: string): string | null {
  let value: unknown;
  try {
    value = parseJsonBytes(data);
  } catch {
    return 'it is not JSON';
  }
  const parsed = TakeSidecar.safeParse(value);
  if (!parsed.success) return describeIssues(parsed.error);
  if (parsed.data.takeId !== takeId) return `it describes ${parsed.data.takeId}`;
  return null;
}

/** `rehearse-backup-YYYY-MM-DD.zip`, in local time. */
export function backupFileName(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `rehearse-backup-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.zip`;
}
