// Stories in pack files: an export imports back unchanged, and a bad file is refused naming the field.
import { describe, expect, it } from 'vitest';
import { describeImport, planImport } from '../content/pack-io';
import { parseQuestionPack } from '../content/question-pack';
import type { StoredStory } from '../data/db';
import { exportStories, planStoryImport, STORIES_PACK_ID } from './story-io';

function stored(id: string, createdAt: number, extra: Partial<StoredStory> = {}): StoredStory {
  return {
    id,
    title: `Story ${id}`,
    situation: 'A week to pick a vendor.',
    action: 'I chose one.',
    result: 'Two weeks lost.',
    principles: ['candour'],
    questionIds: ['q-1'],
    createdAt,
    updatedAt: createdAt,
    ...extra,
  };
}

describe('exportStories', () => {
  it('writes every story, oldest first, without the dates, as a pack that imports again', () => {
    const pack = exportStories([stored('story-b', 20), stored('story-a', 10)]);
    expect(pack.id).toBe(STORIES_PACK_ID);
    expect(pack.questions).toEqual([]);
    expect(pack.stories?.map((s) => s.id)).toEqual(['story-a', 'story-b']);
    expect(pack.stories?.[0]).not.toHaveProperty('createdAt');
    expect(parseQuestionPack(JSON.parse(JSON.stringify(pack)))).toEqual({ ok: true, pack });
  });

  it('refuses to export nothing', () => {
    expect(() => exportStories([])).toThrow('There are no stories to export yet.');
  });
});

describe('importing stories', () => {
  it('adds new stories and replaces ones with the same id, keeping when they were first written', () => {
    const pack = exportStories([stored('story-a', 10, { title: 'Changed elsewhere' }), stored('story-new', 5)]);
    const plan = planStoryImport(pack.stories ?? [], [stored('story-a', 1), stored('story-kept', 2)], 99);
    expect(plan.added).toBe(1);
    expect(plan.replaced).toBe(1);
    // The file lists story-new first: it was written first (createdAt 5) on the other computer.
    expect(plan.put.map((s) => [s.id, s.title, s.createdAt, s.updatedAt])).toEqual([
      ['story-new', 'Story story-new', 99, 99],
      ['story-a', 'Changed elsewhere', 1, 99],
    ]);
  });

  it('refuses a file with a malformed story or one listed twice, naming the field, through the pack import', () => {
    const pack = JSON.parse(JSON.stringify(exportStories([stored('story-a', 1), stored('story-b', 2)]))) as {
      stories: Record<string, unknown>[];
    };
    const broken = structuredClone(pack);
    (broken.stories[1] as Record<string, unknown>).principles = ['charm'];
    const refused = planImport(JSON.stringify(broken), []);
    expect(refused.ok ? '' : refused.message).toContain('stories.1.principles');
    const twice = structuredClone(pack);
    twice.stories[1] = { ...twice.stories[0] };
    const again = planImport(JSON.stringify(twice), []);
    expect(again.ok ? '' : again.message).toContain('stories.1.id: "story-a" is used twice in this pack');
  });

  it('still refuses a pack with neither questions nor stories', () => {
    const plan = planImport(JSON.stringify({ id: 'empty', title: 'Empty', version: 1, questions: [] }), []);
    expect(plan.ok ? '' : plan.message).toContain('questions: a pack needs at least one question');
  });

  it('describes what a stories file imported, and stories beside questions', () => {
    const plan = planImport(JSON.stringify(exportStories([stored('story-a', 1)])), []);
    if (!plan.ok) throw new Error(plan.message);
    expect(describeImport(plan, { added: 1, replaced: 0 })).toBe('Imported “My stories”: 1 story added, 0 replaced.');
    const mixed = {
      id: 'loop',
      title: 'Loop',
      version: 1,
      questions: [{ id: 'q-1', text: 'Why?', category: 'culture', stage: 'recruiter-screen', principles: ['candour'], targetSec: 60 }],
      stories: exportStories([stored('story-a', 1)]).stories,
    };
    const both = planImport(JSON.stringify(mixed), []);
    if (!both.ok) throw new Error(both.message);
    expect(describeImport(both, { added: 2, replaced: 0 })).toBe('Imported “Loop”: 1 added, 0 replaced; 2 stories added, 0 replaced.');
    // A pack without stories reads as before.
    expect(describeImport(both)).toBe('Imported “Loop”: 1 added, 0 replaced.');
  });
});
