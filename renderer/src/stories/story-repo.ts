// The story bank in Dexie: writing, editing and deleting stories, linking them to questions, and noting
// which story a take told. Each change is one transaction; the rules are the pure functions beside this.
import type { RehearseDb, StoredStory } from '../data/db';
import { newStoryId, validateStoryDraft, type StoryDraft, type StoryErrors } from './story-draft';
import { withLink, withoutLink } from './story-links';

export type StorySaveResult = { ok: true; story: StoredStory } | { ok: false; message: string; errors?: StoryErrors };

const FIX = 'Some fields need fixing.';

/** Every story, oldest first (the order the person wrote them). */
export async function allStories(db: RehearseDb): Promise<StoredStory[]> {
  return (await db.stories.toArray()).sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
}

export function addStory(db: RehearseDb, draft: StoryDraft, now = Date.now()): Promise<StorySaveResult> {
  return db.transaction('rw', db.stories, async (): Promise<StorySaveResult> => {
    const ids = (await db.stories.toCollection().primaryKeys()).map(String);
    const checked = validateStoryDraft(draft, newStoryId(draft.title, ids));
    if (!checked.ok) return { ok: false, message: FIX, errors: checked.errors };
    const story: StoredStory = { ...checked.story, createdAt: now, updatedAt: now };
    await db.stories.add(story);
    return { ok: true, story };
  });
}

/** Replaces a story's text and principles; its id, links and creation time stay. */
export function updateStory(db: RehearseDb, id: string, draft: StoryDraft, now = Date.now()): Promise<StorySaveResult> {
  return db.transaction('rw', db.stories, async (): Promise<StorySaveResult> => {
    const existing = await db.stories.get(id);
    if (!existing) return { ok: false, message: 'This story no longer exists.' };
    const checked = validateStoryDraft(draft, id, existing.questionIds);
    if (!checked.ok) return { ok: false, message: FIX, errors: checked.errors };
    const story: StoredStory = { ...checked.story, createdAt: existing.createdAt, updatedAt: now };
    await db.stories.put(story);
    return { ok: true, story };
  });
}

/** Deletes a story, and the note of it on every take that told it (so no take points at nothing). Returns how many takes had it. */
export function deleteStory(db: RehearseDb, id: string): Promise<number> {
  return db.transaction('rw', db.stories, db.attempts, async () => {
    await db.stories.delete(id);
    return db.attempts
      .filter((attempt) => attempt.storyId === id)
      .modify((attempt) => {
        delete attempt.storyId;
      });
  });
}

async function changeLinks(db: RehearseDb, storyId: string, change: (story: StoredStory) => StoredStory): Promise<void> {
  await db.transaction('rw', db.stories, async () => {
    const story = await db.stories.get(storyId);
    if (story) await db.stories.put(change(story));
  });
}

export function linkStory(db: RehearseDb, storyId: string, questionId: string): Promise<void> {
  return changeLinks(db, storyId, (story) => withLink(story, questionId));
}

export function unlinkStory(db: RehearseDb, storyId: string, questionId: string): Promise<void> {
  return changeLinks(db, storyId, (story) => withoutLink(story, questionId));
}

/** Notes which story a take told (null: none, or the person took the note back). */
export async function noteStoryUsed(db: RehearseDb, takeId: string, storyId: string | null): Promise<void> {
  await db.transaction('rw', db.attempts, db.stories, async () => {
    if (storyId !== null && !(await db.stories.get(storyId))) throw new Error('This story no longer exists.');
    await db.attempts
      .where('id')
      .equals(takeId)
      .modify((attempt) => {
        if (storyId === null) delete attempt.storyId;
        else attempt.storyId = storyId;
      });
  });
}
