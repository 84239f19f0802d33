// Import plans, exports and the editor's checks, without a database.
import { describe, expect, it } from 'vitest';
import { OWN_PACK_ID, type StoredQuestion } from '../data/db';
import {
  draftFromQuestion,
  emptyDraft,
  exportPack,
  groupPacks,
  newQuestionId,
  packFileName,
  planImport,
  validateQuestionDraft,
  type ImportPlan,
} from './pack-io';
import { Question, parseQuestionPack, type QuestionPack } from './question-pack';

function question(id: string, extra: Partial<Question> = {}): Question {
  return {
    id,
    text: `What about ${id}?`,
    category: 'behavioural',
    stage: 'team-interview',
    principles: ['candour'],
    targetSec: 90,
    ...extra,
  };
}

function stored(id: string, packId: string, order: number, origin: StoredQuestion['origin'] = 'own'): StoredQuestion {
  return { ...question(id), packId, order, origin };
}

function packOf(id: string, ids: string[], title = 'Practice pack'): QuestionPack {
  return { id, title, version: 1, questions: ids.map((q) => question(q)) };
}

const BUNDLED: StoredQuestion[] = [stored('loop-1', 'netflix-loop', 0, 'bundled'), stored('loop-2', 'netflix-loop', 1, 'bundled')];

function refused(plan: ImportPlan): string {
  if (plan.ok) throw new Error('expected the import to be refused');
  return plan.message;
}

function accepted(plan: ImportPlan): Extract<ImportPlan, { ok: true }> {
  if (!plan.ok) throw new Error(`expected the import to work: ${plan.message}`);
  return plan;
}

/** A valid pack as plain JSON data, to break one field of. */
function rawPack(): { questions: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(JSON.stringify(packOf('mine', ['a', 'b', 'c', 'd']))) as { questions: Record<string, unknown>[] } & Record<
    string,
    unknown
  >;
}

describe('planImport refuses', () => {
  it('text that is not JSON, with the parser’s position', () => {
    const message = refused(planImport('{"id": "x",, }', BUNDLED));
    expect(message).toMatch(/^Not a JSON file: /);
    expect(message).toMatch(/position \d+/);
  });

  it('an empty file', () => {
    expect(refused(planImport('', BUNDLED))).toMatch(/^Not a JSON file: /);
  });

  it.each([
    ['a bad category', (p: ReturnType<typeof rawPack>) => (p.questions[3]!.category = 'trivia'), 'questions.3.category: Invalid option'],
    ['a bad stage', (p: ReturnType<typeof rawPack>) => (p.questions[3]!.stage = 'onsite'), 'questions.3.stage: Invalid option'],
    ['a missing text', (p: ReturnType<typeof rawPack>) => delete p.questions[1]!.text, 'questions.1.text:'],
    ['targetSec as a string', (p: ReturnType<typeof rawPack>) => (p.questions[0]!.targetSec = '90'), 'questions.0.targetSec:'],
    [
      'a principle not in the list',
      (p: ReturnType<typeof rawPack>) => (p.questions[2]!.principles = ['candour', 'charm']),
      'questions.2.principles.1:',
    ],
    ['no questions', (p: ReturnType<typeof rawPack>) => (p.questions = []), 'questions:'],
    ['a missing title', (p: ReturnType<typeof rawPack>) => delete p.title, 'title:'],
    ['an id used twice', (p: ReturnType<typeof rawPack>) => (p.questions[2]!.id = 'a'), 'questions.2.id: "a" is used twice'],
  ])('%s, naming the field', (_name, breakIt, expected) => {
    const pack = rawPack();
    breakIt(pack);
    const message = refused(planImport(JSON.stringify(pack), BUNDLED));
    expect(message).toMatch(/^This pack can't be imported: /);
    expect(message).toContain(expected);
  });

  it('JSON that is not an object', () => {
    expect(refused(planImport('[1, 2]', BUNDLED))).toMatch(/^This pack can't be imported: /);
  });

  it('a pack with the id of a bundled pack', () => {
    const message = refused(planImport(JSON.stringify(packOf('netflix-loop', ['x'])), BUNDLED));
    expect(message).toContain('id: "netflix-loop"');
    expect(message).toContain('comes with the app');
  });

  it('a question id that another pack has, naming both', () => {
    const existing = [...BUNDLED, stored('mine-1', 'other-pack', 2)];
    expect(refused(planImport(JSON.stringify(packOf('new-pack', ['fresh', 'loop-2'])), existing))).toContain(
      'questions.1.id: "loop-2" already exists in pack "netflix-loop"',
    );
    expect(refused(planImport(JSON.stringify(packOf('new-pack', ['mine-1'])), existing))).toContain(
      'questions.0.id: "mine-1" already exists in pack "other-pack"',
    );
  });
});

describe('planImport', () => {
  it('puts a new pack after every existing question, in the pack’s order', () => {
    const plan = accepted(planImport(JSON.stringify(packOf('mine', ['a', 'b', 'c'], 'Mine')), BUNDLED));
    expect(plan.added).toBe(3);
    expect(plan.replaced).toBe(0);
    expect(plan.removed).toEqual([]);
    expect(plan.questions.map((q) => [q.id, q.packId, q.order, q.origin])).toEqual([
      ['a', 'mine', 2, 'own'],
      ['b', 'mine', 3, 'own'],
      ['c', 'mine', 4, 'own'],
    ]);
    expect(plan.questions[0]).toMatchObject({ packTitle: 'Mine', packVersion: 1 });
  });

  it('replaces a pack imported before: same ids updated, dropped ones removed unless practised', () => {
    const existing = [...BUNDLED, stored('a', 'mine', 2), stored('b', 'mine', 3), stored('c', 'mine', 4), stored('d', 'mine', 5)];
    const plan = accepted(planImport(JSON.stringify(packOf('mine', ['a', 'e', 'b'])), existing, new Set(['c', 'loop-1'])));
    expect(plan.replaced).toBe(2);
    expect(plan.added).toBe(1);
    expect(plan.removed).toEqual(['d']);
    expect(plan.kept).toEqual(['c']);
    expect(plan.questions.map((q) => q.id)).toEqual(['a', 'e', 'b']);
  });

  it('merges into the person’s own pack without removing any of it', () => {
    const existing = [...BUNDLED, stored('own-x', OWN_PACK_ID, 2), stored('own-y', OWN_PACK_ID, 3)];
    const plan = accepted(planImport(JSON.stringify(packOf(OWN_PACK_ID, ['own-y', 'own-z'])), existing));
    expect(plan.replaced).toBe(1);
    expect(plan.added).toBe(1);
    expect(plan.removed).toEqual([]);
    expect(plan.kept).toEqual([]);
  });
});

describe('exportPack', () => {
  const questions: StoredQuestion[] = [
    { ...question('b', { exampleAnswer: 'An answer.', listenFor: ['Ownership'] }), packId: 'p', order: 7, origin: 'own' },
    stored('a', 'p', 3),
    stored('z', 'other', 1),
  ];

  it('keeps the pack’s order and only the file’s fields', () => {
    const pack = exportPack(questions, 'p', 'P', 2);
    expect(pack).toEqual({
      id: 'p',
      title: 'P',
      version: 2,
      questions: [question('a'), question('b', { exampleAnswer: 'An answer.', listenFor: ['Ownership'] })],
    });
    expect(parseQuestionPack(JSON.parse(JSON.stringify(pack)))).toEqual({ ok: true, pack });
  });

  it('round-trips through an import into identical questions', () => {
    const pack = exportPack(questions, 'p', 'P');
    const plan = accepted(planImport(JSON.stringify(pack), []));
    // Question.parse drops the stored-only fields (pack, order, origin).
    expect(plan.questions.map((q) => Question.parse(q))).toEqual(pack.questions);
  });

  it('refuses an empty pack', () => {
    expect(() => exportPack(questions, 'nothing', 'Nothing')).toThrow(/no questions/);
  });

  it('names the file after id and version', () => {
    expect(packFileName({ id: 'my-questions', version: 1 })).toBe('my-questions-v1.json');
  });
});

describe('groupPacks', () => {
  it('lists bundled packs first, then the person’s own, then imported ones, each in order', () => {
    const groups = groupPacks(
      [
        { ...stored('i', 'imported', 1), packTitle: 'Imported pack' } as StoredQuestion,
        stored('own-1', OWN_PACK_ID, 5),
        stored('loop-2', 'netflix-loop', 4, 'bundled'),
        stored('loop-1', 'netflix-loop', 0, 'bundled'),
      ],
      { 'netflix-loop': { title: 'The Netflix loop', version: 3 } },
    );
    expect(groups.map((g) => [g.packId, g.title, g.version, g.origin, g.questions.map((q) => q.id)])).toEqual([
      ['netflix-loop', 'The Netflix loop', 3, 'bundled', ['loop-1', 'loop-2']],
      [OWN_PACK_ID, 'My questions', 1, 'own', ['own-1']],
      ['imported', 'Imported pack', 1, 'own', ['i']],
    ]);
  });
});

describe('newQuestionId', () => {
  it('slugs the first words, prefixed with own-', () => {
    const id = newQuestionId('Tell me about a time you disagreed with your manager, openly.', []);
    expect(id).toBe('own-tell-me-about-a-time-you');
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('is unique against the ids there are', () => {
    const taken = ['own-why-netflix', 'own-why-netflix-2'];
    expect(newQuestionId('Why Netflix?', taken)).toBe('own-why-netflix-3');
    const ids = new Set<string>();
    for (let i = 0; i < 5; i += 1) ids.add(newQuestionId('Why Netflix?', ids));
    expect(ids.size).toBe(5);
  });

  it('copes with text that has no letters, accents and very long words', () => {
    expect(newQuestionId('???', [])).toBe('own-question');
    expect(newQuestionId('Café résumé', [])).toBe('own-cafe-resume');
    const long = newQuestionId('x'.repeat(200), []);
    expect(long.length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^own-x+$/);
  });
});

describe('validateQuestionDraft', () => {
  it('accepts a complete draft, trimming and dropping empty optional fields', () => {
    const result = validateQuestionDraft(
      {
        ...emptyDraft('culture'),
        text: '  Why here?  ',
        principles: ['candour'],
        exampleAnswer: '   ',
        listenFor: 'Honesty\n\n  Specifics  \n',
      },
      'own-why-here',
    );
    expect(result).toEqual({
      ok: true,
      question: {
        id: 'own-why-here',
        text: 'Why here?',
        category: 'culture',
        stage: 'recruiter-screen',
        principles: ['candour'],
        targetSec: 90,
        listenFor: ['Honesty', 'Specifics'],
      },
    });
  });

  it('gives one message per invalid field', () => {
    const result = validateQuestionDraft({ text: ' ', category: 'trivia', stage: 'onsite', principles: [], targetSec: '9.5' });
    if (result.ok) throw new Error('expected errors');
    expect(Object.keys(result.errors).sort()).toEqual(['category', 'principles', 'stage', 'targetSec', 'text']);
    expect(result.errors.principles).toBe('Tick at least one principle.');
  });

  it('asks for a target length when there is none, and limits the listen-for points', () => {
    const result = validateQuestionDraft({
      ...emptyDraft(),
      text: 'Q',
      principles: ['candour'],
      targetSec: '',
      listenFor: 'a\nb\nc\nd\ne\nf\ng\nh\ni',
    });
    if (result.ok) throw new Error('expected errors');
    expect(result.errors).toEqual({ targetSec: expect.stringContaining('seconds'), listenFor: 'List at most 8 points, one per line.' });
  });

  it('round-trips a stored question through the editor’s draft', () => {
    const original = question('own-q', { exampleAnswer: 'A.', listenFor: ['One', 'Two'] });
    expect(validateQuestionDraft(draftFromQuestion(original), 'own-q')).toEqual({ ok: true, question: original });
  });
});
