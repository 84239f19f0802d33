// The renderer's own data, in IndexedDB through Dexie: questions and the attempts at them. Audio is not
// here: it is on disk, owned by main; an attempt refers to its file by name. Each schema change is a new
// version() with its own upgrade, never an edit of an old one.
import Dexie, { type EntityTable } from 'dexie';
import type { TakeStatus, Transcript } from '../../../electron/shared/contract';
import type { Question } from '../content/question-pack';

export type AttemptStatus = TakeStatus | 'failed';

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
}

/** A question as stored: its pack and its place in the pack, so lists keep the pack's order. */
export type StoredQuestion = Question & { packId: string; order: number };

export type RehearseDb = Dexie & {
  questions: EntityTable<StoredQuestion, 'id'>;
  attempts: EntityTable<Attempt, 'id'>;
};

export function openDb(name = 'rehearse'): RehearseDb {
  const db = new Dexie(name) as RehearseDb;
  db.version(1).stores({
    questions: 'id, order, category, stage, packId',
    attempts: 'id, questionId, startedAt, status',
  });
  return db;
}
