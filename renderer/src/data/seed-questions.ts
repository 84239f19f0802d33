// The bundled pack is seeded into Dexie at every start, so an app update brings its new questions.
// A bundled question the new pack no longer has is removed, unless a take answers it: a person's
// takes never lose their question.
import type { QuestionPack } from '../content/question-pack';
import type { StoredQuestion } from './db';

export interface SeedPlan {
  put: StoredQuestion[];
  remove: string[];
}

export function planSeed(pack: QuestionPack, existing: readonly StoredQuestion[], answeredQuestionIds: ReadonlySet<string>): SeedPlan {
  const put = pack.questions.map((question, order): StoredQuestion => ({ ...question, packId: pack.id, order, origin: 'bundled' }));
  const inPack = new Set(put.map((question) => question.id));
  const remove = existing
    .filter((question) => question.origin === 'bundled' && !inPack.has(question.id) && !answeredQuestionIds.has(question.id))
    .map((question) => question.id);
  return { put, remove };
}
