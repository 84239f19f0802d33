// Compile-time only: the renderer's Dexie types (db.ts) and the backup schemas main validates records
// with (electron/shared/backup-records.ts) must describe the same data: each assignable to the other,
// with the same keys (so an optional field added on one side only fails here, not in a person's backup).
// Nothing imports this at run time.
import type {
  BackupAttempt,
  BackupAttemptMetrics,
  BackupChecklistTick,
  BackupEvidence,
  BackupFillerChoice,
  BackupHesitations,
  BackupLoopStep,
  BackupMockLoop,
  BackupQuestion,
  BackupRecords,
  BackupStory,
  BackupTakeChecklist,
  BackupTranscript,
} from '../../../electron/shared/backup-records';
import type { FillerChoice } from '../../../electron/shared/analytics/heard-fillers';
import type {
  Attempt,
  AttemptMetrics,
  ChecklistTick,
  Evidence,
  LoopStep,
  MockLoop,
  StoredHesitations,
  StoredQuestion,
  StoredStory,
  StoredTranscript,
  TakeChecklist,
} from './db';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Mutually assignable and with the same keys, optional ones included. */
type SameShape<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;

/** An attempt as a backup holds it: without the pre-v3 transcript, which lives in the transcripts table. */
export type AttemptInBackup = Omit<Attempt, 'transcript'>;

export const questionsMatch: SameShape<StoredQuestion, BackupQuestion> = true;
export const attemptsMatch: SameShape<AttemptInBackup, BackupAttempt> = true;
export const metricsMatch: SameShape<AttemptMetrics, BackupAttemptMetrics> = true;
export const checklistsMatch: SameShape<TakeChecklist, BackupTakeChecklist> = true;
export const ticksMatch: SameShape<ChecklistTick, BackupChecklistTick> = true;
export const evidenceMatches: SameShape<Evidence, BackupEvidence> = true;
export const transcriptsMatch: SameShape<StoredTranscript, BackupTranscript> = true;
export const hesitationsMatch: SameShape<StoredHesitations, BackupHesitations> = true;
export const fillerChoicesMatch: SameShape<FillerChoice, BackupFillerChoice> = true;
export const loopsMatch: SameShape<MockLoop, BackupMockLoop> = true;
export const loopStepsMatch: SameShape<LoopStep, BackupLoopStep> = true;
export const storiesMatch: SameShape<StoredStory, BackupStory> = true;
export const recordsMatch: SameShape<
  {
    questions: StoredQuestion[];
    attempts: AttemptInBackup[];
    transcripts: StoredTranscript[];
    hesitations: StoredHesitations[];
    loops: MockLoop[];
    /** Optional: backups made before the story bank have none. */
    stories?: StoredStory[];
  },
  Omit<BackupRecords, 'format' | 'version'>
> = true;
