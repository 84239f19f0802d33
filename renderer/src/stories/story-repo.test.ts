// The story bank in the database: write, edit, link, note a take's story, delete, and import an export.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Attempt, type RehearseDb } from '../data/db';
import { importPackText } from '../data/question-repo';
import { exportStories } from './story-io';
import { addStory, allStories, deleteStory, linkStory, noteStoryUsed, unlinkStory, updateStory } from './story-repo';
import type { StoryDraft } from './story-draft';

const opened: RehearseDb[] = [];
function fresh(): RehearseDb {
  const db = openDb(`stories-${Math.random()}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});

const draft: StoryDraft = {
  title: 'The wrong vendor',
  situation: 'A week to pick a payments vendor.',
  action: 'I recommended one without a load test.',
  result: 'Two weeks lost; now every team load-tests first.',
  principles: ['intellectual-honesty', 'candour'],
};
const take: Attempt = {
  id: 'take-aaaaaa',
  questionId: 'q-1',
  startedAt: 1,
  durationMs: 5000,
  fileName: 'take-aaaaaa.wav',
  status: 'complete',
  droppedMs: 0,
};

async function added(db: RehearseDb, title = draft.title, now = 100) {
  const result = await addStory(db, { ...draft, title }, now);
  if (!result.ok) throw new Error(result.message);
  return result.story;
}

describe('story repo', () => {
  it('adds stories with unique ids, oldest first, and refuses an invalid one storing nothing', async () => {
    const db = fresh();
    const first = await added(db, 'The wrong vendor', 100);
    const second = await added(db, 'The wrong vendor', 200);
    expect([first.id, second.id]).toEqual(['story-the-wrong-vendor', 'story-the-wrong-vendor-2']);
    expect((await allStories(db)).map((s) => s.id)).toEqual([first.id, second.id]);
    const refused = await addStory(db, { ...draft, title: ' ', principles: [] });
    expect(refused.ok ? {} : refused.errors).toMatchObject({ title: expect.any(String), principles: expect.any(String) });
    expect(await db.stories.count()).toBe(2);
  });

  it('edits a story keeping its id, links and creation time', async () => {
    const db = fresh();
    const story = await added(db);
    await linkStory(db, story.id, 'q-1');
    const result = await updateStory(db, story.id, { ...draft, result: 'Lost 14 days.' }, 500);
    expect(result.ok && result.story).toMatchObject({
      id: story.id,
      questionIds: ['q-1'],
      createdAt: 100,
      updatedAt: 500,
      result: 'Lost 14 days.',
    });
  });

  it('links a story to a question once, and unlinks it', async () => {
    const db = fresh();
    const story = await added(db);
    await linkStory(db, story.id, 'q-1');
    await linkStory(db, story.id, 'q-1');
    await linkStory(db, story.id, 'q-2');
    expect((await db.stories.get(story.id))?.questionIds).toEqual(['q-1', 'q-2']);
    await unlinkStory(db, story.id, 'q-1');
    expect((await db.stories.get(story.id))?.questionIds).toEqual(['q-2']);
  });

  it('notes the story a take told, takes the note back, and refuses a story that is gone', async () => {
    const db = fresh();
    const story = await added(db);
    await db.attempts.put(take);
    await noteStoryUsed(db, take.id, story.id);
    expect((await db.attempts.get(take.id))?.storyId).toBe(story.id);
    await noteStoryUsed(db, take.id, null);
    expect(await db.attempts.get(take.id)).toEqual(take);
    await expect(noteStoryUsed(db, take.id, 'story-gone')).rejects.toThrow('no longer exists');
  });

  it('deletes a story and its note on the takes that told it, keeping the takes', async () => {
    const db = fresh();
    const story = await added(db);
    await db.attempts.bulkPut([take, { ...take, id: 'take-bbbbbb' }]);
    await noteStoryUsed(db, take.id, story.id);
    expect(await deleteStory(db, story.id)).toBe(1);
    expect(await db.stories.count()).toBe(0);
    expect(await db.attempts.get(take.id)).toEqual(take);
  });

  it('imports an export into another database, and again without duplicates', async () => {
    const source = fresh();
    const story = await added(source);
    await linkStory(source, story.id, 'q-1');
    const text = JSON.stringify(exportStories(await allStories(source)));
    const target = fresh();
    const first = await importPackText(target, text);
    expect(first.ok && first.message).toBe('Imported “My stories”: 1 story added, 0 replaced.');
    const again = await importPackText(target, text);
    expect(again.ok && again.message).toBe('Imported “My stories”: 0 stories added, 1 replaced.');
    const [copy] = await allStories(target);
    expect({ ...copy, createdAt: 0, updatedAt: 0 }).toEqual({ ...(await source.stories.get(story.id)), createdAt: 0, updatedAt: 0 });
    expect(await target.questions.count()).toBe(0);
  });
});
