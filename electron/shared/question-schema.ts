// The shape of a question pack (data in resources/questions/*.json, a file a person imports, or the
// questions of a backup), validated before it is used, so a broken pack says which field is wrong
// instead of half-loading. Pure: shared by the renderer and main (which validates backups).
import { z } from 'zod';
import { describeIssues } from './contract';

export const CATEGORIES = ['behavioural', 'technical', 'compensation', 'culture'] as const;
export const STAGES = ['recruiter-screen', 'hiring-manager-screen', 'team-interview'] as const;
/** The culture principles a question can probe; resources/checklist/principles.json has one entry per id. */
export const PRINCIPLE_IDS = [
  'intellectual-honesty',
  'candour',
  'judgement-under-uncertainty',
  'aligned-autonomous',
  'stunning-colleague',
  'directness',
  'thinking-at-scale',
  'compensation-honesty',
] as const;

export const Category = z.enum(CATEGORIES);
export const Stage = z.enum(STAGES);
export const PrincipleId = z.enum(PRINCIPLE_IDS);
export type Category = z.infer<typeof Category>;
export type Stage = z.infer<typeof Stage>;
export type PrincipleId = z.infer<typeof PrincipleId>;

/** A target length when a question does not give one: behavioural answers run 90-120 s. */
export const DEFAULT_TARGET_SEC: Record<Category, number> = {
  behavioural: 105,
  technical: 150,
  compensation: 60,
  culture: 90,
};

/** Follow-ups are shorter than the answer they probe: 30 to 60 seconds. */
export const FOLLOW_UP_TARGET_RANGE = { min: 30, max: 60 } as const;
/** A follow-up's target when it does not give one: a direct question gets a direct answer. */
export const DEFAULT_FOLLOW_UP_TARGET_SEC: Record<Category, number> = {
  behavioural: 45,
  technical: 60,
  compensation: 30,
  culture: 45,
};

const Slug = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes');

/**
 * A question an interviewer asks next, in the guide's direct style ("What did it cost, in numbers?").
 * Identified by its question's id and its own `id` (unique within the question), so takes of the same
 * follow-up can be compared even if the pack reorders them.
 */
export const FollowUp = z.object({
  id: Slug,
  text: z.string().trim().min(1).max(300),
  targetSec: z.number().int().min(FOLLOW_UP_TARGET_RANGE.min).max(FOLLOW_UP_TARGET_RANGE.max).optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const MIN_FOLLOW_UPS = 2;
export const MAX_FOLLOW_UPS = 4;

export const Question = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  text: z.string().trim().min(1).max(500),
  category: Category,
  stage: Stage,
  principles: z.array(PrincipleId).min(1),
  targetSec: z.number().int().min(10).max(900),
  /** A strong answer, written for this app (never copied), shown beside the person's transcript. */
  exampleAnswer: z.string().trim().min(1).max(4000).optional(),
  /** What interviewers listen for in an answer to this question. */
  listenFor: z.array(z.string().trim().min(1).max(300)).min(1).max(8).optional(),
  /** What an interviewer asks next: 2-4 follow-ups, each with an id and a text unique within the question. */
  followUps: z.array(FollowUp).min(MIN_FOLLOW_UPS).max(MAX_FOLLOW_UPS).optional(),
});
export type Question = z.infer<typeof Question>;

/**
 * A story the person prepared to reuse across questions: what happened, what they did, the result (with
 * numbers, ideally) and the principles it shows. `questionIds` are the questions it is linked to (a link to
 * a question not here, e.g. one of another computer's own questions, is kept and simply not shown).
 */
export const Story = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  title: z.string().trim().min(1).max(200),
  situation: z.string().trim().max(4000),
  action: z.string().trim().max(4000),
  result: z.string().trim().max(4000),
  principles: z.array(PrincipleId).min(1),
  questionIds: z.array(z.string().min(1).max(80)).max(500),
});
export type Story = z.infer<typeof Story>;

export const QuestionPack = z.object({
  id: z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase letters, digits and dashes'),
  title: z.string().trim().min(1).max(200),
  version: z.number().int().positive(),
  /** At least one question, unless the pack carries stories (parseQuestionPack checks). */
  questions: z.array(Question),
  /** The person's stories, in a pack exported from the Stories view; absent from question-only packs. */
  stories: z.array(Story).max(200).optional(),
});
export type QuestionPack = z.infer<typeof QuestionPack>;

export function parseQuestionPack(data: unknown): { ok: true; pack: QuestionPack } | { ok: false; message: string } {
  const parsed = QuestionPack.safeParse(data);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  if (parsed.data.questions.length === 0 && (parsed.data.stories ?? []).length === 0) {
    return { ok: false, message: 'questions: a pack needs at least one question (or story)' };
  }
  const seen = new Set<string>();
  for (const [index, question] of parsed.data.questions.entries()) {
    if (seen.has(question.id)) return { ok: false, message: `questions.${index}.id: "${question.id}" is used twice in this pack` };
    seen.add(question.id);
    const twice = repeatedFollowUp(question);
    if (twice) return { ok: false, message: `questions.${index}.followUps.${twice.index}.${twice.field}: used twice in this question` };
  }
  const stories = new Set<string>();
  for (const [index, story] of (parsed.data.stories ?? []).entries()) {
    if (stories.has(story.id)) return { ok: false, message: `stories.${index}.id: "${story.id}" is used twice in this pack` };
    stories.add(story.id);
  }
  return { ok: true, pack: parsed.data };
}

/** The first follow-up of `question` whose id or text (ignoring case) repeats an earlier one. */
function repeatedFollowUp(question: Question): { index: number; field: 'id' | 'text' } | null {
  const ids = new Set<string>();
  const texts = new Set<string>();
  for (const [index, followUp] of (question.followUps ?? []).entries()) {
    if (ids.has(followUp.id)) return { index, field: 'id' };
    const text = followUp.text.toLowerCase();
    if (texts.has(text)) return { index, field: 'text' };
    ids.add(followUp.id);
    texts.add(text);
  }
  return null;
}
