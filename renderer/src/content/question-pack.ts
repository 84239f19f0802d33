// The shape of a question pack (data in resources/questions/*.json), validated before it is used, so
// a broken pack says which field is wrong instead of half-loading.
import { z } from 'zod';
import { describeIssues } from '../../../electron/shared/contract';

export const Question = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  category: z.enum(['behavioural', 'technical', 'compensation', 'culture']),
  stage: z.enum(['recruiter-screen', 'hiring-manager-screen', 'team-interview']),
  principles: z.array(z.string()).min(1),
  targetSec: z.number().int().positive(),
});
export type Question = z.infer<typeof Question>;

export const QuestionPack = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  version: z.number().int().positive(),
  questions: z.array(Question).min(1),
});
export type QuestionPack = z.infer<typeof QuestionPack>;

export function parseQuestionPack(data: unknown): { ok: true; pack: QuestionPack } | { ok: false; message: string } {
  const parsed = QuestionPack.safeParse(data);
  return parsed.success ? { ok: true, pack: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
}
