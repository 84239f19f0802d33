// The renderer's own data, in IndexedDB through Dexie: questions, the attempts at them (with each take's
// checklist), and mock loops. Audio is not here: it is on disk, owned by main; an attempt refers to its
// file by name. Each schema change is a new version() with its own upgrade, never an edit of an old one.
import Dexie, { type EntityTable } from 'dexie';
import type { TakeStatus, Transcript } from '../../../electron/shared/contract';
import type { Question, Stage } from '../content/question-pack';

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
  /** The final transcript with word timing, once main has it (kept here so history works offline of main). */
  transcript?: Transcript;
  checklist?: TakeChecklist;
  /** The mock loop this take was recorded in, if any. */
  loopId?: string;
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

export type RehearseDb = Dexie & {
  questions: EntityTable<StoredQuestion, 'id'>;
  attempts: EntityTable<Attempt, 'id'>;
  loops: EntityTable<MockLoop, 'id'>;
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
  return db;
}
