// The bundled Netflix loop pack: it parses, covers each category and stage well enough for the mock
// loop, covers the topics the guide names, and its example answers are our own words.
import { describe, expect, it } from 'vitest';
import pack from '../../../resources/questions/netflix-loop.json';
import { CATEGORIES, parseQuestionPack, PRINCIPLE_IDS, STAGES, type Category, type Question, type Stage } from './question-pack';

function loadPack(): Question[] {
  const result = parseQuestionPack(pack);
  if (!result.ok) throw new Error(`netflix-loop.json does not parse: ${result.message}`);
  return result.pack.questions;
}

const questions = loadPack();

function inCategory(category: Category): Question[] {
  return questions.filter((q) => q.category === category);
}

function inStage(stage: Stage): Question[] {
  return questions.filter((q) => q.stage === stage);
}

const MIN_PER_CATEGORY: Record<Category, number> = { behavioural: 12, technical: 10, compensation: 4, culture: 5 };
/** The mock loop draws 1-2 recruiter, 1-2 hiring-manager and 3-5 team questions, and needs variety across loops. */
const MIN_PER_STAGE: Record<Stage, number> = { 'recruiter-screen': 6, 'hiring-manager-screen': 6, 'team-interview': 12 };

const STARTER_IDS = [
  'starter-wrong-decision',
  'starter-enough-information',
  'starter-disagreed-feedback',
  'starter-graceful-degradation',
  'starter-compensation-target',
];

describe('the Netflix loop pack', () => {
  it('parses, with its id and at least 30 questions', () => {
    const result = parseQuestionPack(pack);
    if (!result.ok) throw new Error(result.message);
    expect(result.pack.id).toBe('netflix-loop');
    expect(result.pack.questions.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CATEGORIES)('has enough %s questions', (category) => {
    expect(inCategory(category).length).toBeGreaterThanOrEqual(MIN_PER_CATEGORY[category]);
  });

  it.each(STAGES)('has enough %s questions for the mock loop', (stage) => {
    expect(inStage(stage).length).toBeGreaterThanOrEqual(MIN_PER_STAGE[stage]);
  });

  it('keeps every behavioural answer to 90-120 seconds', () => {
    for (const q of inCategory('behavioural')) {
      expect(q.targetSec, q.id).toBeGreaterThanOrEqual(90);
      expect(q.targetSec, q.id).toBeLessThanOrEqual(120);
    }
  });

  it.each([
    ['technical', 120, 240],
    ['compensation', 45, 90],
    ['culture', 60, 120],
  ] as const)('keeps every %s answer to %i-%i seconds', (category, min, max) => {
    for (const q of inCategory(category)) {
      expect(q.targetSec, q.id).toBeGreaterThanOrEqual(min);
      expect(q.targetSec, q.id).toBeLessThanOrEqual(max);
    }
  });

  it('has every technical question probe thinking-at-scale and every compensation one compensation-honesty', () => {
    for (const q of inCategory('technical')) expect(q.principles, q.id).toContain('thinking-at-scale');
    for (const q of inCategory('compensation')) expect(q.principles, q.id).toContain('compensation-honesty');
  });

  it('gives each question 1-3 distinct principles and uses every principle several times', () => {
    for (const q of questions) {
      expect(q.principles.length, q.id).toBeLessThanOrEqual(3);
      expect(new Set(q.principles).size, q.id).toBe(q.principles.length);
    }
    for (const principle of PRINCIPLE_IDS) {
      expect(questions.filter((q) => q.principles.includes(principle)).length, principle).toBeGreaterThanOrEqual(3);
    }
  });

  it('uses descriptive ids prefixed by category (apart from the starter ids kept for continuity)', () => {
    for (const q of questions) {
      if (STARTER_IDS.includes(q.id)) continue;
      expect(q.id.startsWith(`${q.category}-`), q.id).toBe(true);
    }
  });

  it('keeps the five starter question ids', () => {
    const ids = questions.map((q) => q.id);
    for (const id of STARTER_IDS) expect(ids).toContain(id);
  });

  const topics: [string, Category, RegExp[]][] = [
    ['a decision that turned out wrong', 'behavioural', [/decision/i, /wrong/i]],
    ['knowing you have enough information', 'behavioural', [/enough information/i]],
    ['a recent failure', 'behavioural', [/fail/i]],
    ['feedback you disagreed with', 'behavioural', [/feedback/i, /disagreed/i]],
    ['graceful degradation', 'technical', [/degrade|fallback/i]],
    ['caching and the CDN', 'technical', [/cach/i, /CDN/]],
    ['A/B testing for many experiments', 'technical', [/A\/B|experiment/i]],
    ['microservice communication', 'technical', [/microservice/i]],
    ['Spark or Flink', 'technical', [/Spark|Flink/]],
    ['what breaks at scale', 'technical', [/scale/i]],
    ['Chaos Monkey', 'technical', [/Chaos Monkey/]],
    ['Hollow', 'technical', [/Hollow/]],
    ['GraphQL federation', 'technical', [/GraphQL federation/i]],
    ['a compensation target', 'compensation', [/target/i]],
    ['competing offers', 'compensation', [/competing offer/i]],
    ['an offer below expectation', 'compensation', [/below/i, /expect/i]],
  ];

  it.each(topics)('asks about %s', (_topic, category, patterns) => {
    const matching = inCategory(category).filter((q) => patterns.every((pattern) => pattern.test(q.text)));
    expect(matching.length).toBeGreaterThanOrEqual(1);
  });

  it('answers an offer below expectation with market data', () => {
    const below = questions.find((q) => /below/i.test(q.text) && q.category === 'compensation');
    expect(below?.exampleAnswer).toMatch(/market/i);
  });

  it('has example answers on at least 12 questions, in every category', () => {
    const withAnswer = questions.filter((q) => q.exampleAnswer !== undefined);
    expect(withAnswer.length).toBeGreaterThanOrEqual(12);
    for (const category of CATEGORIES) expect(withAnswer.filter((q) => q.category === category).length, category).toBeGreaterThanOrEqual(1);
  });

  it('keeps behavioural and technical example answers to about two minutes spoken (150-300 words)', () => {
    for (const q of questions) {
      if (q.exampleAnswer === undefined || (q.category !== 'behavioural' && q.category !== 'technical')) continue;
      const count = q.exampleAnswer.split(/\s+/).length;
      expect(count, q.id).toBeGreaterThanOrEqual(150);
      expect(count, q.id).toBeLessThanOrEqual(300);
    }
  });

  it('has at least 20 questions saying what interviewers listen for, each with 2-5 notes', () => {
    const withNotes = questions.filter((q) => q.listenFor !== undefined);
    expect(withNotes.length).toBeGreaterThanOrEqual(20);
    for (const q of withNotes) {
      expect(q.listenFor?.length, q.id).toBeGreaterThanOrEqual(2);
      expect(q.listenFor?.length, q.id).toBeLessThanOrEqual(5);
    }
  });
});

/** Lowercase words with punctuation removed (apostrophes kept inside words). */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .split(/[^\p{L}\p{N}'$%]+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter((word) => word !== '');
}

function runsOf(list: string[], length: number): Set<string> {
  const runs = new Set<string>();
  for (let i = 0; i + length <= list.length; i += 1) runs.add(list.slice(i, i + length).join(' '));
  return runs;
}

/**
 * The part of node:fs this check needs, typed here: tsconfig.web.json deliberately has no Node types, and a
 * `/// <reference types="node" />` in one test would give them to all renderer code. The specifier is a
 * plain string so TypeScript does not try to resolve it; Vitest runs in Node and imports it as usual.
 */
interface SeedFs {
  existsSync(path: URL): boolean;
  readFileSync(path: URL, encoding: 'utf8'): string;
}
const NODE_FS: string = 'node:fs';
const { existsSync, readFileSync } = (await import(/* @vite-ignore */ NODE_FS)) as SeedFs;

const RUN = 12;
const seedUrl = new URL('../../../../shared/seed/netflix-interviews.txt', import.meta.url);
const seedPresent = existsSync(seedUrl);

describe('example answers are written fresh', () => {
  it.skipIf(!seedPresent)(
    seedPresent
      ? `no example answer shares a ${RUN}-word run with the seed guide`
      : `skipped: the seed guide (shared/seed/netflix-interviews.txt) is not present to compare example answers against`,
    () => {
      const seedRuns = runsOf(words(readFileSync(seedUrl, 'utf8')), RUN);
      const copied: string[] = [];
      for (const q of questions) {
        if (q.exampleAnswer === undefined) continue;
        for (const run of runsOf(words(q.exampleAnswer), RUN)) if (seedRuns.has(run)) copied.push(`${q.id}: "${run}"`);
      }
      expect(copied).toEqual([]);
    },
  );

  it('detects a copied run when there is one (the check itself works)', () => {
    const source = 'one two three four five six seven eight nine ten eleven twelve thirteen';
    const copy = 'Before that: One, two, three four five six seven eight nine ten eleven twelve! After.';
    const shared = [...runsOf(words(copy), RUN)].filter((run) => runsOf(words(source), RUN).has(run));
    expect(shared.length).toBeGreaterThan(0);
  });
});
