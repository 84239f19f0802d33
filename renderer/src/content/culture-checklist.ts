// The culture checklist (data in resources/checklist/principles.json): each principle from the guide with
// 2-4 items a person can tick honestly after a take, and the cue phrases that suggest which sentence of
// the transcript supports an item.
import { z } from 'zod';
import { describeIssues } from '../../../electron/shared/contract';
import { PrincipleId } from './question-pack';

export const ChecklistItem = z.object({
  /** Unique across the whole checklist, e.g. "intellectual-honesty.named-mistake". */
  id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, 'use "<principle>.<item>" in lowercase with dashes'),
  /** First person, something a person can honestly tick or not: "I named my own mistake plainly". */
  text: z.string().trim().min(1).max(200),
  /** Lowercase phrases whose presence in a sentence makes it a candidate piece of evidence. */
  cues: z.array(z.string().trim().toLowerCase().min(1)).min(1),
});
export type ChecklistItem = z.infer<typeof ChecklistItem>;

export const Principle = z.object({
  id: PrincipleId,
  title: z.string().trim().min(1).max(80),
  /** One or two sentences: what the principle means in an interview answer. */
  summary: z.string().trim().min(1).max(400),
  items: z.array(ChecklistItem).min(2).max(4),
});
export type Principle = z.infer<typeof Principle>;

export const CultureChecklist = z.object({
  version: z.number().int().positive(),
  principles: z.array(Principle).min(1),
});
export type CultureChecklist = z.infer<typeof CultureChecklist>;

export function parseCultureChecklist(data: unknown): { ok: true; checklist: CultureChecklist } | { ok: false; message: string } {
  const parsed = CultureChecklist.safeParse(data);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error) };
  const ids = new Set<string>();
  for (const [p, principle] of parsed.data.principles.entries()) {
    for (const [i, item] of principle.items.entries()) {
      if (!item.id.startsWith(`${principle.id}.`))
        return { ok: false, message: `principles.${p}.items.${i}.id: must start with "${principle.id}."` };
      if (ids.has(item.id)) return { ok: false, message: `principles.${p}.items.${i}.id: "${item.id}" is used twice` };
      ids.add(item.id);
    }
  }
  return { ok: true, checklist: parsed.data };
}
