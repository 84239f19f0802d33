// The bundled pack loads, and a broken pack says which field is wrong.
import { describe, expect, it } from 'vitest';
import starterPack from '../../../resources/questions/starter.json';
import { parseQuestionPack } from './question-pack';

/** A deep copy of the starter pack to break one field of. */
function copyOfStarter(): { questions: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(JSON.stringify(starterPack)) as { questions: Record<string, unknown>[] } & Record<string, unknown>;
}

function messageFor(data: unknown): string {
  const result = parseQuestionPack(data);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
}

describe('the bundled starter pack', () => {
  it('parses', () => {
    const result = parseQuestionPack(starterPack);
    if (!result.ok) throw new Error(`starter.json does not parse: ${result.message}`);
    expect(result.pack.id).toBe('starter');
    expect(result.pack.questions.length).toBeGreaterThanOrEqual(1);
  });

  it('has unique question ids', () => {
    const result = parseQuestionPack(starterPack);
    if (!result.ok) throw new Error(result.message);
    const ids = result.pack.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('parseQuestionPack errors', () => {
  it('names the path of a bad category, e.g. questions.2.category', () => {
    const pack = copyOfStarter();
    const third = pack.questions[2];
    if (!third) throw new Error('the starter pack needs at least three questions for this test');
    third.category = 'trivia';
    expect(messageFor(pack)).toContain('questions.2.category');
  });

  it('names a missing field of a question', () => {
    const pack = copyOfStarter();
    delete pack.questions[0]?.text;
    expect(messageFor(pack)).toContain('questions.0.text');
  });

  it('names a bad targetSec and a bad principle entry', () => {
    const pack = copyOfStarter();
    const first = pack.questions[0];
    if (!first) throw new Error('empty starter pack');
    first.targetSec = -5;
    first.principles = ['candour', 7];
    const message = messageFor(pack);
    expect(message).toContain('questions.0.targetSec');
    expect(message).toContain('questions.0.principles.1');
  });

  it('names a top-level field', () => {
    const pack = copyOfStarter();
    pack.version = '1';
    expect(messageFor(pack)).toContain('version');
  });

  it('refuses a pack without questions', () => {
    const pack = copyOfStarter();
    pack.questions = [];
    expect(messageFor(pack)).toContain('questions');
  });

  it('explains a payload that is not an object at all', () => {
    expect(messageFor(null)).toMatch(/^payload: /);
    expect(messageFor('pack')).toMatch(/^payload: /);
  });
});
