// Stories in pack files: exported from the Stories view as a pack with no questions, imported through the
// same pack import as questions (content/pack-io.ts parses and validates the whole file first). Pure.
import { parseQuestionPack, type QuestionPack, type Story } from '../content/question-pack';
import type { StoredStory } from '../data/db';

/** The pack id and title the person's stories export under. */
export const STORIES_PACK_ID = 'my-stories';
export const STORIES_PACK_TITLE = 'My stories';

/** Only the fields a pack file holds, in schema order. */
function storyOnly(story: Story): Story {
  const { id, title, situation, action, result, principles, questionIds } = story;
  return { id, title, situation, action, result, principles: [...principles], questionIds: [...questionIds] };
}

/**
 * The pack file for `stories` (oldest first). Throws if there is nothing to export or the result would not
 * import again (checked with the same schema as an import).
 */
export function exportStories(stories: readonly StoredStory[]): QuestionPack {
  if (stories.length === 0) throw new Error('There are no stories to export yet.');
  const ordered = [...stories].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const parsed = parseQuestionPack({
    id: STORIES_PACK_ID,
    title: STORIES_PACK_TITLE,
    version: 1,
    questions: [],
    stories: ordered.map(storyOnly),
  });
  if (!parsed.ok) throw new Error(`Your stories can't be exported: ${parsed.message}`);
  return parsed.pack;
}

export interface StoryImportPlan {
  /** Every story of the file, to put: new ones dated `now`, replaced ones keeping when they were written. */
  put: StoredStory[];
  added: number;
  replaced: number;
}

/** What importing a pack's stories does: a story with the id of one here replaces it; none is ever deleted. */
export function planStoryImport(stories: readonly Story[], existing: readonly StoredStory[], now: number): StoryImportPlan {
  const byId = new Map(existing.map((story) => [story.id, story]));
  const put = stories.map((story) => ({ ...storyOnly(story), createdAt: byId.get(story.id)?.createdAt ?? now, updatedAt: now }));
  const replaced = stories.filter((story) => byId.has(story.id)).length;
  return { put, added: stories.length - replaced, replaced };
}
