// The bundled pack loads, and a broken pack says which field is wrong.
import { describe, expect, it } from 'vitest';
import bundledPack from '../../../resources/questions/netflix-loop.json';
import { parseQuestionPack } from './question-pack';

/** A deep copy of the bundled pack to break one field of. */
function copyOfPack(): { questions: Record<string, unknown>[] } & Record<string, unknown> {
  return JSON.parse(JSON.stringify(bundledPack)) as { questions: Record<string, unknown>[] } & Record<string, unknown>;
}

function messageFor(data: unknown): string {
  const result = parseQuestionPack(data);
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.message;
}

describe('the bundled Netflix loop pack', () => {
  it('parses', () => {
    const result = parseQuestionPack(bundledPack);
    if (!result.ok) throw new Error(`netflix-loop.json does not parse: ${result.message}`);
    expect(result.pack.id).toBe('netflix-loop');
    expect(result.pack.questions.length).toBeGreaterThanOrEqual(1);
  });

  it('has unique question ids', () => {
    const result = parseQuestionPack(bundledPack);
    if (!result.ok) throw new Error(result.message);
    const ids = result.pack.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('parseQuestionPack errors', () => {
  it('names the path of a bad category, e.g. questions.2.category', () => {
    const pack = copyOfPack();
    const third = pack.questions[2];
    if (!third) throw new Error('the bundled pack needs at least three questions for this test');
    third.category = 'trivia';
    expect(messageFor(pack)).toContain('questions.2.category');
  });

  it('names a missing field of a question', () => {
    const pack = copyOfPack();
    delete pack.questions[0]?.text;
    expect(messageFor(pack)).toContain('questions.0.text');
  });

  it('names a bad targetSec and a bad principle entry', () => {
    const pack = copyOfPack();
    const first = pack.questions[0];
    if (!first) throw new Error('empty bundled pack');
    first.targetSec = -5;
    first.principles = ['candour', 7];
    const message = messageFor(pack);
    expect(message).toContain('questions.0.targetSec');
    expect(message).toContain('questions.0.principles.1');
  });

  it('names a question id used twice, e.g. questions.1.id', () => {
    const pack = copyOfPack();
    const [first, second] = pack.questions;
    if (!first || !second) throw new Error('the bundled pack needs at least two questions for this test');
    second.id = first.id;
    const message = messageFor(pack);
    expect(message).toContain('questions.1.id');
    expect(message).toContain(String(first.id));
  });

  it('names an unknown principle id as questions.N.principles.M', () => {
    const pack = copyOfPack();
    const fourth = pack.questions[3];
    if (!fourth) throw new Error('the bundled pack needs at least four questions for this test');
    fourth.principles = ['candour', 'directness', 'bravado'];
    expect(messageFor(pack)).toContain('questions.3.principles.2');
  });

  it('names a top-level field', () => {
    const pack = copyOfPack();
    pack.version = '1';
    expect(messageFor(pack)).toContain('version');
  });

  it('refuses a pack without questions', () => {
    const pack = copyOfPack();
    pack.questions = [];
    expect(messageFor(pack)).toContain('questions');
  });

  it('explains a payload that is not an object at all', () => {
    expect(messageFor(null)).toMatch(/^payload: /);
    expect(messageFor('pack')).toMatch(/^payload: /);
  });
});
