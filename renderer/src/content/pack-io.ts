// Importing and exporting question packs, and checking a question the person writes: pure functions over
// the stored questions, so every rule (what an import may replace, what it may delete, what an export
// contains) is decided here and tested without a database. data/question-repo.ts applies the plans.
import { CATEGORIES, DEFAULT_TARGET_SEC, Question, QuestionPack, STAGES, parseQuestionPack, type Category } from './question-pack';
import { OWN_PACK_ID, type StoredQuestion } from '../data/db';
import { slugId } from './slug-id';

/** The title the person's own questions export under. */
export const OWN_PACK_TITLE = 'My questions';

/**
 * A stored question may also carry its pack's title and version (imported packs do), so the pack can be
 * shown and exported under its own name; a bundled question's pack is described by the bundled JSON.
 */
export type PackedQuestion = StoredQuestion & { packTitle?: string; packVersion?: number };

/** True for a question the person may edit or delete: their own or one they imported. */
export function isOwn(question: Pick<StoredQuestion, 'origin'>): boolean {
  return question.origin === 'own';
}

// ---------------------------------------------------------------------------------------------------------
// Import

export type ImportPlan =
  | {
      ok: true;
      pack: QuestionPack;
      /** Every question of the pack, to put (origin 'own', packId = pack.id, after every existing question). */
      questions: PackedQuestion[];
      /** How many of `questions` replace a question of the same id already in this pack. */
      replaced: number;
      /** How many of `questions` are new. */
      added: number;
      /** Questions of this pack the file no longer lists, with no attempts: to delete. */
      removed: string[];
      /** Questions of this pack the file no longer lists, kept because attempts use them. */
      kept: string[];
    }
  | { ok: false; message: string };

const REFUSED = "This pack can't be imported: ";

/** Where JSON.parse stopped, as a person reads it; the engine's message already gives the position. */
function jsonProblem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Decides what importing `text` does to the stored questions, all or nothing: either a plan to apply in
 * one transaction, or a message saying why nothing may be imported. Re-importing a pack replaces it: its
 * questions are updated in place, and those the new file drops are deleted unless attempts use them
 * (`usedQuestionIds`). The person's own pack (OWN_PACK_ID, e.g. a backup from another computer) is
 * merged instead: nothing of it is deleted by an import.
 */
export function planImport(text: string, existing: StoredQuestion[], usedQuestionIds: ReadonlySet<string> = new Set()): ImportPlan {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, message: `Not a JSON file: ${jsonProblem(error)}` };
  }
  const parsed = parseQuestionPack(data);
  if (!parsed.ok) return { ok: false, message: REFUSED + parsed.message };
  const pack = parsed.pack;

  if (existing.some((question) => !isOwn(question) && question.packId === pack.id)) {
    return { ok: false, message: `${REFUSED}id: "${pack.id}" is the pack that comes with the app, which can't be replaced` };
  }

  const byId = new Map(existing.map((question) => [question.id, question]));
  const collisions = pack.questions.flatMap((question, index) => {
    const other = byId.get(question.id);
    return other && other.packId !== pack.id ? [`questions.${index}.id: "${question.id}" already exists in pack "${other.packId}"`] : [];
  });
  if (collisions.length > 0) {
    const more =
      collisions.length > 1 ? ` (and ${collisions.length - 1} more question${collisions.length > 2 ? 's' : ''} of this pack)` : '';
    return { ok: false, message: REFUSED + collisions[0] + more };
  }

  const firstOrder = existing.reduce((max, question) => Math.max(max, question.order), -1) + 1;
  const questions: PackedQuestion[] = pack.questions.map((question, index) => ({
    ...question,
    packId: pack.id,
    order: firstOrder + index,
    origin: 'own',
    packTitle: pack.title,
    packVersion: pack.version,
  }));
  const replaced = pack.questions.filter((question) => byId.has(question.id)).length;

  const listed = new Set(pack.questions.map((question) => question.id));
  const dropped =
    pack.id === OWN_PACK_ID ? [] : existing.filter((question) => question.packId === pack.id && !listed.has(question.id)).map((q) => q.id);
  return {
    ok: true,
    pack,
    questions,
    replaced,
    added: questions.length - replaced,
    removed: dropped.filter((id) => !usedQuestionIds.has(id)),
    kept: dropped.filter((id) => usedQuestionIds.has(id)),
  };
}

/**
 * One sentence for the person about an import that worked, e.g. "Imported “Loop”: 12 added, 0 replaced.";
 * with `stories` (a pack that carries them), how many stories were added and replaced too.
 */
export function describeImport(
  plan: Pick<Extract<ImportPlan, { ok: true }>, 'pack' | 'added' | 'replaced' | 'removed' | 'kept'>,
  stories?: { added: number; replaced: number },
): string {
  const storyPart = stories ? `${stories.added} ${stories.added === 1 ? 'story' : 'stories'} added, ${stories.replaced} replaced` : '';
  const parts = [
    plan.pack.questions.length === 0 && stories
      ? `Imported “${plan.pack.title}”: ${storyPart}.`
      : `Imported “${plan.pack.title}”: ${plan.added} added, ${plan.replaced} replaced${stories ? `; ${storyPart}` : ''}.`,
  ];
  if (plan.removed.length > 0)
    parts.push(`${plan.removed.length} no longer in the pack ${plan.removed.length === 1 ? 'was' : 'were'} removed.`);
  if (plan.kept.length > 0) {
    parts.push(
      `${plan.kept.length} no longer in the pack ${plan.kept.length === 1 ? 'was' : 'were'} kept because you have practised ${plan.kept.length === 1 ? 'it' : 'them'}.`,
    );
  }
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------------
// Export

/** Only the fields a pack file holds, in schema order, without undefined optionals. */
function questionOnly(question: Question): Question {
  const { id, text, category, stage, principles, targetSec, exampleAnswer, listenFor, followUps } = question;
  return {
    id,
    text,
    category,
    stage,
    principles: [...principles],
    targetSec,
    ...(exampleAnswer !== undefined && { exampleAnswer }),
    ...(listenFor !== undefined && { listenFor: [...listenFor] }),
    ...(followUps !== undefined && { followUps: followUps.map((f) => ({ ...f })) }),
  };
}

/**
 * The pack file for the questions of `packId`, in the pack's order. Throws if there is nothing to export
 * or the result would not import again (the export is checked with the same schema as an import).
 */
export function exportPack(questions: StoredQuestion[], packId: string, title: string, version = 1): QuestionPack {
  const mine = questions.filter((question) => question.packId === packId).sort((a, b) => a.order - b.order);
  if (mine.length === 0) throw new Error(`There are no questions in pack "${packId}" to export.`);
  const parsed = parseQuestionPack({ id: packId, title, version, questions: mine.map(questionOnly) });
  if (!parsed.ok) throw new Error(`Pack "${packId}" can't be exported: ${parsed.message}`);
  return parsed.pack;
}

/** The file a pack is saved as: "<id>-v<version>.json". */
export function packFileName(pack: Pick<QuestionPack, 'id' | 'version'>): string {
  return `${pack.id}-v${pack.version}.json`;
}

/** The text of a pack file: indented JSON, ending with a newline. */
export function packFileText(pack: QuestionPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Packs as the bank lists them

export interface PackInfo {
  title: string;
  version: number;
}

export interface PackGroup {
  packId: string;
  title: string;
  version: number;
  /** 'bundled' for a pack that comes with the app (read-only); 'own' for the person's and imported ones. */
  origin: StoredQuestion['origin'];
  /** The pack's questions in order. */
  questions: StoredQuestion[];
}

/**
 * The stored questions grouped by pack: bundled packs first, then the person's own questions, then
 * imported packs in the order they were imported. Titles come from `bundled` (the bundled pack files),
 * from the title an import stored, or else the pack id.
 */
export function groupPacks(questions: StoredQuestion[], bundled: Readonly<Record<string, PackInfo>> = {}): PackGroup[] {
  const groups = new Map<string, PackGroup>();
  for (const question of [...questions].sort((a, b) => a.order - b.order)) {
    let group = groups.get(question.packId);
    if (!group) {
      const stored = question as PackedQuestion;
      const own = question.packId === OWN_PACK_ID;
      group = {
        packId: question.packId,
        title: own ? OWN_PACK_TITLE : (bundled[question.packId]?.title ?? stored.packTitle ?? question.packId),
        version: own ? 1 : (bundled[question.packId]?.version ?? stored.packVersion ?? 1),
        origin: isOwn(question) ? 'own' : 'bundled',
        questions: [],
      };
      groups.set(question.packId, group);
    }
    group.questions.push(question);
  }
  const rank = (group: PackGroup) => (group.origin === 'bundled' ? 0 : group.packId === OWN_PACK_ID ? 1 : 2);
  // Array.prototype.sort is stable: within a rank, packs keep the order of their first question.
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

// ---------------------------------------------------------------------------------------------------------
// The person's own questions

/** "own-" + the first words of `text` as a slug, with "-2", "-3"… if needed to be unique. */
export function newQuestionId(text: string, existingIds: Iterable<string>): string {
  return slugId('own', text, 'question', 6, existingIds);
}

/** What the question editor holds: form values, before they are checked. */
export interface QuestionDraft {
  text: string;
  category: string;
  stage: string;
  principles: string[];
  /** Seconds, as typed (a string) or as a number. */
  targetSec: string | number;
  exampleAnswer?: string;
  /** What interviewers listen for: one per line, or already a list. */
  listenFor?: string | string[];
}

export type DraftField = keyof QuestionDraft;
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The form's fields, in the order they are shown (the first invalid one gets focus). */
export const DRAFT_FIELDS: readonly DraftField[] = ['text', 'category', 'stage', 'principles', 'targetSec', 'exampleAnswer', 'listenFor'];

/** An empty draft for a new question, with the first category's default target length. */
export function emptyDraft(category: Category = CATEGORIES[0]): QuestionDraft {
  return {
    text: '',
    category,
    stage: STAGES[0],
    principles: [],
    targetSec: String(DEFAULT_TARGET_SEC[category]),
    exampleAnswer: '',
    listenFor: '',
  };
}

/** A stored question as the editor's draft. */
export function draftFromQuestion(question: Question): QuestionDraft {
  return {
    text: question.text,
    category: question.category,
    stage: question.stage,
    principles: [...question.principles],
    targetSec: String(question.targetSec),
    exampleAnswer: question.exampleAnswer ?? '',
    listenFor: (question.listenFor ?? []).join('\n'),
  };
}

function seconds(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}

function lines(value: string | string[] | undefined): string[] {
  const all = Array.isArray(value) ? value : (value ?? '').split(/\r?\n/);
  return all.map((line) => line.trim()).filter(Boolean);
}

type Issue = { code: string; path: PropertyKey[]; message: string };

/** A message for a person filling in the form, rather than the schema's. */
function fieldMessage(field: DraftField, issue: Issue): string {
  switch (field) {
    case 'text':
      return issue.code === 'too_big' ? 'Keep the question to 500 characters or fewer.' : 'Write the question.';
    case 'category':
      return 'Choose a category.';
    case 'stage':
      return 'Choose a stage.';
    case 'principles':
      return issue.code === 'too_small' ? 'Tick at least one principle.' : 'Choose principles from the list.';
    case 'targetSec':
      return 'Enter a whole number of seconds from 10 to 900.';
    case 'exampleAnswer':
      return 'Keep the example answer to 4000 characters or fewer.';
    case 'listenFor':
      return issue.code === 'too_big' && issue.path.length === 1
        ? 'List at most 8 points, one per line.'
        : 'Keep each point to 300 characters or fewer.';
  }
}

/**
 * Checks the editor's draft with the Question schema. On success, the question (with `id`) has trimmed
 * text and no empty optional fields; otherwise there is one message per invalid field.
 */
export function validateQuestionDraft(
  draft: QuestionDraft,
  id = 'draft',
): { ok: true; question: Question } | { ok: false; errors: DraftErrors } {
  const exampleAnswer = (draft.exampleAnswer ?? '').trim();
  const listenFor = lines(draft.listenFor);
  const candidate = {
    id,
    text: draft.text.trim(),
    category: draft.category,
    stage: draft.stage,
    principles: draft.principles,
    targetSec: seconds(draft.targetSec),
    ...(exampleAnswer && { exampleAnswer }),
    ...(listenFor.length > 0 && { listenFor }),
  };
  const parsed = Question.safeParse(candidate);
  if (parsed.success) return { ok: true, question: questionOnly(parsed.data) };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (DRAFT_FIELDS as readonly string[]).includes(field)) {
      errors[field as DraftField] ??= fieldMessage(field as DraftField, issue);
    } else {
      // Only the id is outside the form; it is made by the app, so this is a bug rather than a typo.
      errors.text ??= `${issue.path.join('.') || 'question'}: ${issue.message}`;
    }
  }
  return { ok: false, errors };
}
