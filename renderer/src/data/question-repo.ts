// The person's questions in Dexie: adding, editing and deleting their own, importing and exporting packs.
// Each operation reads what it needs and writes in one transaction, so a refused or failed change leaves
// the database as it was. The rules themselves are the pure functions of content/pack-io.ts.
import type { QuestionPack } from '../content/question-pack';
import {
  describeImport,
  exportPack,
  groupPacks,
  isOwn,
  newQuestionId,
  packFileName,
  planImport,
  validateQuestionDraft,
  type DraftErrors,
  type PackedQuestion,
  type PackGroup,
  type PackInfo,
  type QuestionDraft,
} from '../content/pack-io';
import { planStoryImport } from '../stories/story-io';
import { OWN_PACK_ID, type RehearseDb, type StoredQuestion } from './db';

/** Title and version of each pack bundled with the app (resources/questions/*.json), by pack id. */
export const BUNDLED_PACKS: Readonly<Record<string, PackInfo>> = (() => {
  const files = import.meta.glob<unknown>('../../../resources/questions/*.json', { eager: true, import: 'default' });
  const packs: Record<string, PackInfo> = {};
  for (const data of Object.values(files)) {
    const { id, title, version } = (data ?? {}) as Record<string, unknown>;
    if (typeof id === 'string' && typeof title === 'string') packs[id] = { title, version: typeof version === 'number' ? version : 1 };
  }
  return packs;
})();

export type SaveResult = { ok: true; question: StoredQuestion } | { ok: false; message: string; errors?: DraftErrors };
export type DeleteResult = { ok: true; question: StoredQuestion; attempts: number } | { ok: false; message: string };
export type ImportResult =
  | {
      ok: true;
      packId: string;
      title: string;
      added: number;
      replaced: number;
      /** Questions the new file dropped, deleted. */
      removed: string[];
      /** Questions the new file dropped, kept because attempts use them. */
      kept: string[];
      /** A sentence for the person, e.g. "Imported “Loop”: 12 added, 0 replaced." */
      message: string;
    }
  | { ok: false; message: string };

const READ_ONLY = 'Questions that come with the app can’t be changed or deleted.';

function notFound(id: string): string {
  return `There is no question "${id}".`;
}

async function usedQuestionIds(db: RehearseDb): Promise<Set<string>> {
  return new Set((await db.attempts.orderBy('questionId').uniqueKeys()).map(String));
}

/** Adds a question of the person's own, at the end of their pack. */
export function addOwnQuestion(db: RehearseDb, draft: QuestionDraft): Promise<SaveResult> {
  return db.transaction('rw', db.questions, async (): Promise<SaveResult> => {
    const all = await db.questions.toArray();
    const id = newQuestionId(
      draft.text,
      all.map((question) => question.id),
    );
    const checked = validateQuestionDraft(draft, id);
    if (!checked.ok) return { ok: false, message: 'Some fields need fixing.', errors: checked.errors };
    const order = all.reduce((max, question) => Math.max(max, question.order), -1) + 1;
    const question: StoredQuestion = { ...checked.question, packId: OWN_PACK_ID, order, origin: 'own' };
    await db.questions.add(question);
    return { ok: true, question };
  });
}

/** Replaces the content of one of the person's questions; its id, pack and place stay. */
export function updateOwnQuestion(db: RehearseDb, id: string, draft: QuestionDraft): Promise<SaveResult> {
  return db.transaction('rw', db.questions, async (): Promise<SaveResult> => {
    const existing = (await db.questions.get(id)) as PackedQuestion | undefined;
    if (!existing) return { ok: false, message: notFound(id) };
    if (!isOwn(existing)) return { ok: false, message: READ_ONLY };
    const checked = validateQuestionDraft(draft, id);
    if (!checked.ok) return { ok: false, message: 'Some fields need fixing.', errors: checked.errors };
    const question: PackedQuestion = {
      ...checked.question,
      packId: existing.packId,
      order: existing.order,
      origin: 'own',
      ...(existing.packTitle !== undefined && { packTitle: existing.packTitle }),
      ...(existing.packVersion !== undefined && { packVersion: existing.packVersion }),
      // The editor has no follow-up fields: an imported question's follow-ups stay as they were.
      ...(existing.followUps !== undefined && { followUps: existing.followUps }),
    };
    // put, not update: a field the person cleared (an example answer) must go, not linger.
    await db.questions.put(question);
    return { ok: true, question };
  });
}

/** How many attempts a question has (to warn before deleting it: the attempts are kept). */
export function attemptsFor(db: RehearseDb, id: string): Promise<number> {
  return db.attempts.where('questionId').equals(id).count();
}

/** Deletes one of the person's questions. Its attempts are kept; `attempts` says how many there were. */
export function deleteOwnQuestion(db: RehearseDb, id: string): Promise<DeleteResult> {
  return db.transaction('rw', db.questions, db.attempts, async (): Promise<DeleteResult> => {
    const existing = await db.questions.get(id);
    if (!existing) return { ok: false, message: notFound(id) };
    if (!isOwn(existing)) return { ok: false, message: READ_ONLY };
    const attempts = await attemptsFor(db, id);
    await db.questions.delete(id);
    return { ok: true, question: existing, attempts };
  });
}

/** Imports a pack file's text: everything or, with a message saying why, nothing. */
export async function importPackText(db: RehearseDb, text: string): Promise<ImportResult> {
  return db.transaction('rw', db.questions, db.attempts, db.stories, async (): Promise<ImportResult> => {
    const plan = planImport(text, await db.questions.toArray(), await usedQuestionIds(db));
    if (!plan.ok) return plan;
    // A pack may carry stories (one exported from the Stories view does): merged in the same transaction.
    const stories = planStoryImport(plan.pack.stories ?? [], await db.stories.toArray(), Date.now());
    await db.questions.bulkPut(plan.questions);
    await db.questions.bulkDelete(plan.removed);
    await db.stories.bulkPut(stories.put);
    return {
      ok: true,
      packId: plan.pack.id,
      title: plan.pack.title,
      added: plan.added,
      replaced: plan.replaced,
      removed: plan.removed,
      kept: plan.kept,
      message: describeImport(plan, plan.pack.stories ? stories : undefined),
    };
  });
}

/** The packs there are questions of, as the bank lists them (bundled ones included: they can be exported too). */
export async function exportablePacks(db: RehearseDb, bundled: Readonly<Record<string, PackInfo>> = BUNDLED_PACKS): Promise<PackGroup[]> {
  return groupPacks(await db.questions.toArray(), bundled);
}

/** The pack file for one pack: its content and the name to save it as. */
export async function exportPackFile(
  db: RehearseDb,
  packId: string,
  bundled: Readonly<Record<string, PackInfo>> = BUNDLED_PACKS,
): Promise<{ pack: QuestionPack; fileName: string }> {
  const group = (await exportablePacks(db, bundled)).find((candidate) => candidate.packId === packId);
  if (!group) throw new Error(`There are no questions in pack "${packId}" to export.`);
  const pack = exportPack(group.questions, group.packId, group.title, group.version);
  return { pack, fileName: packFileName(pack) };
}
