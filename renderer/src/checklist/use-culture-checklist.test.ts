// The bundled checklist (resources/checklist/principles.json) parses and covers every principle.
import { describe, expect, it } from 'vitest';
import principlesJson from '../../../resources/checklist/principles.json';
import { parseCultureChecklist } from '../content/culture-checklist';
import { PRINCIPLE_IDS } from '../content/question-pack';
import { cultureChecklist, principlesFor } from './use-culture-checklist';

describe('the bundled culture checklist', () => {
  it('parses', () => {
    const result = parseCultureChecklist(principlesJson);
    if (!result.ok) throw new Error(`principles.json does not parse: ${result.message}`);
    expect(cultureChecklist.principles.length).toBeGreaterThanOrEqual(1);
  });

  it('has one principle for each principle id a question can probe', () => {
    expect(cultureChecklist.principles.map((p) => p.id).sort()).toEqual([...PRINCIPLE_IDS].sort());
  });

  it('splits principles for a question', () => {
    const [first, second] = PRINCIPLE_IDS;
    const { probed, others } = principlesFor({ principles: [second, first] });
    expect(probed.map((p) => p.id)).toEqual([second, first]);
    expect(others).toHaveLength(cultureChecklist.principles.length - 2);
  });
});
