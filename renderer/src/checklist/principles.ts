// Reading a culture checklist and picking the principles a question probes. Pure: the bundled
// checklist is loaded in use-culture-checklist.ts.
import { parseCultureChecklist, type CultureChecklist, type Principle } from '../content/culture-checklist';
import type { PrincipleId } from '../content/question-pack';

/** The checklist in `data`, or an Error saying which field is wrong. */
export function readCultureChecklist(data: unknown, source = 'The culture checklist'): CultureChecklist {
  const parsed = parseCultureChecklist(data);
  if (!parsed.ok) throw new Error(`${source} is invalid: ${parsed.message}`);
  return parsed.checklist;
}

export interface PrincipleSplit {
  /** The principles the question probes, in the question's order. */
  probed: Principle[];
  /** The rest, in the checklist's order. */
  others: Principle[];
}

/** Splits the checklist's principles into those in `principleIds` (in that order) and the rest. Unknown ids are skipped. */
export function splitPrinciples(checklist: CultureChecklist, principleIds: readonly PrincipleId[]): PrincipleSplit {
  const byId = new Map(checklist.principles.map((principle) => [principle.id, principle]));
  const probed: Principle[] = [];
  for (const id of principleIds) {
    const principle = byId.get(id);
    if (principle && !probed.includes(principle)) probed.push(principle);
  }
  return { probed, others: checklist.principles.filter((principle) => !probed.includes(principle)) };
}
