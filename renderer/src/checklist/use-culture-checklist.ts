// The culture checklist bundled with the app (resources/checklist/principles.json), validated once when
// this module loads: a broken file fails loudly, naming the field, instead of half-showing.
import principlesJson from '../../../resources/checklist/principles.json';
import type { CultureChecklist } from '../content/culture-checklist';
import type { Question } from '../content/question-pack';
import { readCultureChecklist, splitPrinciples, type PrincipleSplit } from './principles';

export const cultureChecklist: CultureChecklist = readCultureChecklist(
  principlesJson,
  'The bundled culture checklist (resources/checklist/principles.json)',
);

/** The bundled checklist's principles the question probes (in the question's order), and the others. */
export function principlesFor(question: Pick<Question, 'principles'>): PrincipleSplit {
  return splitPrinciples(cultureChecklist, question.principles);
}
