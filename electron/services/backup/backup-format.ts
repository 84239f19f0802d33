// What a Rehearse backup is: one zip holding
//   manifest.json               what is in it: every other file with its size and SHA-256
//   records.json                the renderer's database (BackupRecords)
//   audio/<takeId>.wav          each attempt's audio (stored, not compressed: it would not shrink), or
//   audio/<takeId>.opus         for a take whose audio main has compressed to Ogg Opus
//   audio/<takeId>.json         the take's sidecar, as main keeps it beside the audio
//   transcripts/<takeId>.json   main's transcript of the take, when it has one
// and nothing else. Attempts whose audio was not on disk are named in the manifest's missingAudio.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { BackupRecords } from '../../shared/backup-records';
import { TakeId, TakeStatus, TranscriptionState, describeIssues } from '../../shared/contract';
import { readWavInfo } from '../audio/wav';

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

export type TakeFileKind = 'wav' | 'opus' | 'sidecar' | 'transcript';
export type EntryKind = { kind: 'manifest' } | { kind: 'records' } | { kind: TakeFileKind; takeId: string };

const TAKE_ENTRY = /^(audio|transcripts)\/([^/]+)\.(wav|opus|json)$/;

/** What a zip entry is, by its path; null for anything a backup never holds. */
export function entryKind(entryPath: string): EntryKind | null {
  if (entryPath === MANIFEST_PATH) return { kind: 'manifest' };
  if (entryPath === RECORDS_PATH) return { kind: 'records' };
  const match = TAKE_ENTRY.exec(entryPath);
  if (!match) return null;
  const [, folder, takeId = '', ext] = match;
  if (!TakeId.safeParse(takeId).success) return null;
  if (folder === 'audio') return { kind: ext === 'json' ? 'sidecar' : (ext as 'wav' | 'opus'), takeId };
  return ext === 'json' ? { kind: 'transcript', takeId } : null;
}

export const wavEntry = (takeId: string) => `audio/${takeId}.wav`;
export const opusEntry = (takeId: string) => `audio/${takeId}.opus`;
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

/** Why `head` (an Ogg file, or its first bytes) is not Ogg Opus audio; null when it is (RFC 7845: OpusHead first). */
export function opusFormatProblem(head: Uint8Array): string | null {
  const text = (from: number, to: number) => Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('latin1', from, to);
  if (head.byteLength < 36 || text(0, 4) !== 'OggS') return 'it is not an Ogg file';
  return text(28, 36) === 'OpusHead' ? null : 'its first stream is not Opus';
}

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
