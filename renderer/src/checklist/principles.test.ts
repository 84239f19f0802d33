// Reading a checklist and picking the principles a question probes, with a small hand-made checklist.
import { describe, expect, it } from 'vitest';
import { readCultureChecklist, splitPrinciples } from './principles';

const handMade = {
  version: 1,
  principles: [
    {
      id: 'intellectual-honesty',
      title: 'Intellectual honesty',
      summary: 'Say what went wrong, including your part.',
      items: [
        { id: 'intellectual-honesty.named-mistake', text: 'I named my own mistake plainly', cues: ['my mistake', 'I was wrong'] },
        { id: 'intellectual-honesty.learned', text: 'I said what I do differently now', cues: ['now i', 'since then'] },
      ],
    },
    {
      id: 'candour',
      title: 'Candour',
      summary: 'Say the hard thing early, to the person who needs it.',
      items: [
        { id: 'candour.early', text: 'I raised it early', cues: ['early', 'straight away'] },
        { id: 'candour.direct', text: 'I told the person directly', cues: ['i told'] },
      ],
    },
    {
      id: 'thinking-at-scale',
      title: 'Thinking at scale',
      summary: 'Size the problem with numbers.',
      items: [
        { id: 'thinking-at-scale.numbers', text: 'I gave a number', cues: ['percent', 'million'] },
        { id: 'thinking-at-scale.trade-off', text: 'I named a trade-off', cues: ['trade-off', 'instead'] },
      ],
    },
  ],
};

describe('readCultureChecklist', () => {
  it('reads a valid checklist, lowercasing cues', () => {
    const checklist = readCultureChecklist(handMade);
    expect(checklist.principles.map((p) => p.id)).toEqual(['intellectual-honesty', 'candour', 'thinking-at-scale']);
    expect(checklist.principles[0]?.items[0]?.cues).toEqual(['my mistake', 'i was wrong']);
  });

  it('throws a clear error naming the field', () => {
    const broken = structuredClone(handMade);
    broken.principles[1]!.items[0]!.id = 'intellectual-honesty.early';
    expect(() => readCultureChecklist(broken, 'principles.json')).toThrow(/^principles\.json is invalid: principles\.1\.items\.0\.id/);
    expect(() => readCultureChecklist({ version: 1, principles: [] })).toThrow(/The culture checklist is invalid: principles/);
  });
});

describe('splitPrinciples', () => {
  const checklist = readCultureChecklist(handMade);

  it('gives the probed principles in the question order and the rest in checklist order', () => {
    const { probed, others } = splitPrinciples(checklist, ['thinking-at-scale', 'intellectual-honesty']);
    expect(probed.map((p) => p.id)).toEqual(['thinking-at-scale', 'intellectual-honesty']);
    expect(others.map((p) => p.id)).toEqual(['candour']);
  });

  it('skips ids the checklist lacks and ids given twice', () => {
    const { probed, others } = splitPrinciples(checklist, ['candour', 'directness', 'candour']);
    expect(probed.map((p) => p.id)).toEqual(['candour']);
    expect(others.map((p) => p.id)).toEqual(['intellectual-honesty', 'thinking-at-scale']);
  });
});
