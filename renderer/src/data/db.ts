// The renderer's own data, in IndexedDB through Dexie: questions, the attempts at them (with each take's
// checklist, filler choices and headline metrics), their transcripts and heard hesitations, mock loops and stories. Attempts stay small (no transcript)
// so a history of 10,000 takes loads quickly; transcripts and their search text are separate tables. Audio is not here: it is on disk, owned by main; an attempt refers to its
// file by name. Each schema change is a new version() with its own upgrade, never an edit of an old one.
import Dexie, { type EntityTable } from 'dexie';
import { transcriptOnlyTally, type FillerChoice } from '../../../electron/shared/analytics/heard-fillers';
import type { Hesitation, TakeStatus, Transcript } from '../../../electron/shared/contract';
import type { Question, Stage, Story } from '../content/question-pack';

export type AttemptStatus = TakeStatus | 'failed';

/** A sentence of the transcript attached to a ticked checklist item as its evidence. */
export interface Evidence {
  /** Index into the take's sentences (see checklist/sentences.ts), with a copy of its text and times. */
  sentenceIndex: number;
  text: string;
  startMs: number;
  endMs: number;
}

export interface ChecklistTick {
  /** A ChecklistItem id, e.g. "intellectual-honesty.named-mistake". */
  itemId: string;
  evidence?: Evidence;
}

/** What the person ticked for one take. Items not listed are not ticked. */
export interface TakeChecklist {
  ticks: ChecklistTick[];
  updatedAt: number;
}

export interface Attempt {
  /** The take id main gave it; also the audio file's name without `.wav`. */
  id: string;
  questionId: string;
  startedAt: number;
  durationMs: number;
  fileName: string;
  status: AttemptStatus;
  /** Audio the capture dropped, as main measured it: `gapMs` total. */
  droppedMs: number;
  error?: string;
  /** Headline numbers of the transcript (see transcript-repo), present once it has one. */
  metrics?: AttemptMetrics;
  checklist?: TakeChecklist;
  /** What the person said about the fillers heard in the audio (filler or not), one per heard filler judged. */
  fillerChoices?: FillerChoice[];
  /** Set when the person deletes the take: hidden at once, removed for good when the undo time is over. */
  deletedAt?: number;
  /** The mock loop this take was recorded in, if any. */
  loopId?: string;
  /** The story (a StoredStory id) the person says they told in this take, if they noted one. */
  storyId?: string;
  /** Set when this take answers a follow-up asked after another take (`questionId` stays the question's). */
  followUp?: FollowUpLink;
}

/**
 * What a follow-up take answered: the take it follows, and which follow-up of the question (with a copy
 * of its text and target, so the take still reads right if the pack changes).
 */
export interface FollowUpLink {
  parentTakeId: string;
  followUpId: string;
  text: string;
  targetSec: number;
}

/** The numbers the history list shows, computed from the transcript when it is saved. */
export interface AttemptMetrics {
  /** Bumped when a definition changes: older metrics are recomputed from the transcript at start-up. */
  version: number;
  wordCount: number;
  speechMs: number;
  wpm: number | null;
  /** Transcribed fillers + heard ones the person confirmed (electron/shared/analytics/heard-fillers.ts). */
  fillerCount: number;
  fillersPerMin: number | null;
  transcribedFillerCount: number;
  confirmedFillerCount: number;
  /** Heard fillers not judged yet; null until the take's audio has been listened to. */
  heardFillerCount: number | null;
  longPauseCount: number;
  thinkTimeMs: number | null;
}

/** A take's final transcript with word timing (kept here, so history works without main). */
export interface StoredTranscript {
  /** The take id. */
  id: string;
  transcript: Transcript;
}

/** The hesitations main heard in a take's audio (hesitations.get), kept so history needs no audio. */
export interface StoredHesitations {
  /** The take id. */
  id: string;
  hesitations: Hesitation[];
  /** Whether they were judged by a transcript with words (else every one stands on its own). */
  basedOnTranscript: boolean;
}

/** A take's transcript as plain text, for full-text search. */
export interface SearchText {
  id: string;
  text: string;
}

/** Where a question came from: the pack bundled with the app (re-seeded at start, read-only) or the person. */
export type QuestionOrigin = 'bundled' | 'own';

/** A question as stored: its pack and its place in the pack, so lists keep the pack's order. */
export type StoredQuestion = Question & { packId: string; order: number; origin: QuestionOrigin };

/** The pack a person's own questions (added in the app, not imported) belong to. */
export const OWN_PACK_ID = 'my-questions';

export interface LoopStep {
  stage: Stage;
  /** e.g. "Team interview 2 of 4" */
  label: string;
  questionId: string;
  /** The take recorded for this step, once there is one (the latest, if retaken). */
  takeId?: string;
  /** Team interviews: the follow-up asked after the answer, and the take answering it once there is one. */
  followUp?: { followUpId: string; takeId?: string };
}

/** A mock interview loop: recruiter screen, hiring-manager screen, then 3-5 team interviews. */
export interface MockLoop {
  id: string;
  startedAt: number;
  finishedAt?: number;
  steps: LoopStep[];
  /** Index of the step being answered; equals steps.length once the loop is over. */
  current: number;
}

/** A story of the person's story bank (renderer/src/stories/), with when it was written and last changed. */
export type StoredStory = Story & { createdAt: number; updatedAt: number };
/** The person's plan to interview day (one row, id "interview"): the plan itself is worked out from it (renderer/src/plan). */
export interface PlanSettings {
  id: 'interview';
  /** The interview's calendar day, "YYYY-MM-DD" in local time. */
  interviewDay: string;
  /** The stages to practise; empty means all. */
  stages: Stage[];
  updatedAt: number;
}

/** An attempt as stored before v3, with its transcript inline (the v3 upgrade moves it out). */
type AttemptV2 = Attempt & { transcript?: Transcript };

/** Metrics as stored before v4: one filler count, from the transcript alone. */
type MetricsV3 = Omit<AttemptMetrics, 'transcribedFillerCount' | 'confirmedFillerCount' | 'heardFillerCount'>;

export type RehearseDb = Dexie & {
  questions: EntityTable<StoredQuestion, 'id'>;
  attempts: EntityTable<Attempt, 'id'>;
  loops: EntityTable<MockLoop, 'id'>;
  transcripts: EntityTable<StoredTranscript, 'id'>;
  searchTexts: EntityTable<SearchText, 'id'>;
  hesitations: EntityTable<StoredHesitations, 'id'>;
  stories: EntityTable<StoredStory, 'id'>;
  planSettings: EntityTable<PlanSettings, 'id'>;
};

export function openDb(name = 'rehearse'): RehearseDb {
  const db = new Dexie(name) as RehearseDb;
  db.version(1).stores({
    questions: 'id, order, category, stage, packId',
    attempts: 'id, questionId, startedAt, status',
  });
  // v2: own and imported questions (origin), checklists on attempts, mock loops.
  db.version(2)
    .stores({
      questions: 'id, order, category, stage, packId, origin',
      attempts: 'id, questionId, startedAt, status, loopId',
      loops: 'id, startedAt',
    })
    .upgrade((tx) =>
      tx
        .table('questions')
        .toCollection()
        .modify((question: Partial<StoredQuestion>) => {
          question.origin ??= 'bundled';
        }),
    );
  // v3: transcripts move out of attempts into their own table (with a search text beside), so the
  // attempts table stays small enough to list 10,000 takes. Metrics and search texts are filled in by
  // transcript-repo's start-up backfill.
  db.version(3)
    .stores({
      attempts: 'id, questionId, startedAt, status, loopId, deletedAt',
      transcripts: 'id',
      searchTexts: 'id',
    })
    .upgrade(async (tx) => {
      const attempts = tx.table<AttemptV2, string>('attempts');
      const moving = await attempts.filter((attempt) => attempt.transcript !== undefined).toArray();
      await tx
        .table<StoredTranscript, string>('transcripts')
        .bulkPut(moving.map((a) => ({ id: a.id, transcript: a.transcript as Transcript })));
      await attempts
        .filter((attempt) => attempt.transcript !== undefined)
        .modify((attempt) => {
          delete attempt.transcript;
        });
    });
  // v4: the hesitations heard in each take's audio, and the filler numbers kept apart: transcribed,
  // confirmed by the person, heard and not judged. Older metrics counted the transcript alone, so they
  // get the same shape with that meaning (nothing confirmed, nothing heard yet); transcript-repo's
  // start-up backfill recomputes them where there is a transcript.
  db.version(4)
    .stores({ hesitations: 'id' })
    .upgrade((tx) =>
      tx
        .table<Attempt & { metrics?: MetricsV3 | AttemptMetrics }, string>('attempts')
        .filter((attempt) => attempt.metrics !== undefined && !('transcribedFillerCount' in attempt.metrics))
        .modify((attempt) => {
          const old = attempt.metrics as MetricsV3;
          attempt.metrics = { ...old, ...transcriptOnlyTally(old.fillerCount) };
        }),
    );
  // v5: follow-up takes, linked to the take they follow (Attempt.followUp). The index finds a take's
  // follow-ups; older attempts have no link, so there is nothing to move.
  db.version(5)
    .stores({ attempts: 'id, questionId, startedAt, status, loopId, deletedAt, followUp.parentTakeId' })
    .upgrade(() => undefined);
  // v6: the story bank. A new table only: nothing older changes, and an attempt's optional `storyId`
  // (the story told in it) needs no index, so no upgrade of existing rows is needed.
  db.version(6).stores({ stories: 'id, updatedAt' });
  // v7: the plan to interview day keeps only the person's settings (date, stages); nothing to upgrade.
  db.version(7).stores({ planSettings: 'id' });
  return db;
}
