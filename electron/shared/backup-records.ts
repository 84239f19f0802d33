// The renderer's database as it travels in a backup (records.json): questions, attempts (without the
// pre-v3 `transcript`), the transcripts and hesitations tables, mock loops and stories. Backups made before heard
// fillers existed (no hesitations, no filler choices, one filler count) still restore: what they lack
// reads as nothing heard yet; those made before the story bank, as no stories. Mirrors renderer/src/data/db.ts, which
// checks at compile time that its types and these stay the same (backup-types-check.ts). Main validates
// records with this before it writes a backup and before it restores anything from one.
// Pure: imports neither Node, DOM nor Electron.
import { z } from 'zod';
import { transcriptOnlyTally } from './analytics/heard-fillers';
import { Hesitation, TakeId, TakeStatus, Transcript } from './contract';
import { Question, Stage, Story } from './question-schema';

export const BACKUP_RECORDS_FORMAT = 'rehearse-records';
export const BACKUP_RECORDS_VERSION = 1;

export const BackupQuestion = Question.extend({
  packId: z.string().min(1).max(200),
  order: z.number(),
  origin: z.enum(['bundled', 'own']),
}).strict();
export type BackupQuestion = z.infer<typeof BackupQuestion>;

export const BackupAttemptMetrics = z.preprocess(
  withSplitFillers,
  z
    .object({
      version: z.number(),
      wordCount: z.number(),
      speechMs: z.number(),
      wpm: z.number().nullable(),
      fillerCount: z.number(),
      fillersPerMin: z.number().nullable(),
      transcribedFillerCount: z.number(),
      confirmedFillerCount: z.number(),
      heardFillerCount: z.number().nullable(),
      longPauseCount: z.number(),
      thinkTimeMs: z.number().nullable(),
    })
    .strict(),
);
export type BackupAttemptMetrics = z.infer<typeof BackupAttemptMetrics>;

/** Metrics of an older backup have one filler count, the transcript's: they get the split numbers that say so. */
function withSplitFillers(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || 'transcribedFillerCount' in value) return value;
  const { fillerCount } = value as { fillerCount?: unknown };
  return typeof fillerCount === 'number' ? { ...value, ...transcriptOnlyTally(fillerCount) } : value;
}

export const BackupFillerChoice = z.object({ startMs: z.number(), endMs: z.number(), verdict: z.enum(['filler', 'not-filler']) }).strict();
export type BackupFillerChoice = z.infer<typeof BackupFillerChoice>;

export const BackupEvidence = z
  .object({ sentenceIndex: z.number().int().min(0), text: z.string(), startMs: z.number(), endMs: z.number() })
  .strict();
export type BackupEvidence = z.infer<typeof BackupEvidence>;

export const BackupChecklistTick = z.object({ itemId: z.string().min(1).max(200), evidence: BackupEvidence.optional() }).strict();
export type BackupChecklistTick = z.infer<typeof BackupChecklistTick>;

export const BackupTakeChecklist = z.object({ ticks: z.array(BackupChecklistTick), updatedAt: z.number() }).strict();
export type BackupTakeChecklist = z.infer<typeof BackupTakeChecklist>;

export const BackupAttemptStatus = z.union([TakeStatus, z.literal('failed')]);

export const BackupAttempt = z
  .object({
    /** The take id: also the name of its audio in the backup (`audio/<id>.wav`), so never a path. */
    id: TakeId,
    questionId: z.string().min(1).max(200),
    startedAt: z.number(),
    durationMs: z.number(),
    fileName: z.string().max(200),
    status: BackupAttemptStatus,
    droppedMs: z.number(),
    error: z.string().optional(),
    metrics: BackupAttemptMetrics.optional(),
    checklist: BackupTakeChecklist.optional(),
    fillerChoices: z.array(BackupFillerChoice).optional(),
    deletedAt: z.number().optional(),
    loopId: z.string().max(200).optional(),
    storyId: z.string().max(200).optional(),
    followUp: z
      .object({
        parentTakeId: TakeId,
        followUpId: z.string().min(1).max(80),
        text: z.string().max(300),
        targetSec: z.number(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type BackupAttempt = z.infer<typeof BackupAttempt>;

export const BackupTranscript = z.object({ id: TakeId, transcript: Transcript }).strict();
export type BackupTranscript = z.infer<typeof BackupTranscript>;

export const BackupHesitations = z
  .object({ id: TakeId, hesitations: z.array(Hesitation.strict()), basedOnTranscript: z.boolean() })
  .strict();
export type BackupHesitations = z.infer<typeof BackupHesitations>;

export const BackupLoopStep = z
  .object({
    stage: Stage,
    label: z.string().max(200),
    questionId: z.string().min(1).max(200),
    takeId: z.string().max(200).optional(),
    followUp: z
      .object({ followUpId: z.string().min(1).max(80), takeId: z.string().max(200).optional() })
      .strict()
      .optional(),
  })
  .strict();
export type BackupLoopStep = z.infer<typeof BackupLoopStep>;

export const BackupMockLoop = z
  .object({
    id: z.string().min(1).max(200),
    startedAt: z.number(),
    finishedAt: z.number().optional(),
    steps: z.array(BackupLoopStep),
    current: z.number().int().min(0),
  })
  .strict();
export type BackupMockLoop = z.infer<typeof BackupMockLoop>;

export const BackupStory = Story.extend({ createdAt: z.number(), updatedAt: z.number() }).strict();
export type BackupStory = z.infer<typeof BackupStory>;

/** Each table's rows are keyed by `id`: a backup naming one twice is refused, naming the second. */
function uniqueIds(rows: { id: string }[], table: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    if (seen.has(row.id)) ctx.addIssue({ code: 'custom', path: [table, index, 'id'], message: `"${row.id}" is listed twice` });
    seen.add(row.id);
  });
}

export const BackupRecords = z
  .object({
    format: z.literal(BACKUP_RECORDS_FORMAT),
    version: z.literal(BACKUP_RECORDS_VERSION),
    questions: z.array(BackupQuestion),
    attempts: z.array(BackupAttempt),
    transcripts: z.array(BackupTranscript),
    /** Absent from backups made before heard fillers existed. */
    hesitations: z.array(BackupHesitations).default([]),
    loops: z.array(BackupMockLoop),
    /** Absent from backups made before the story bank existed (optional, not defaulted, so main's code and tests that build records need not name it). */
    stories: z.array(BackupStory).optional(),
  })
  .strict()
  .superRefine((records, ctx) => {
    uniqueIds(records.questions, 'questions', ctx);
    uniqueIds(records.attempts, 'attempts', ctx);
    uniqueIds(records.transcripts, 'transcripts', ctx);
    uniqueIds(records.hesitations, 'hesitations', ctx);
    uniqueIds(records.loops, 'loops', ctx);
    uniqueIds(records.stories ?? [], 'stories', ctx);
  });
export type BackupRecords = z.infer<typeof BackupRecords>;
