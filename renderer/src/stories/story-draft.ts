// Writing a story: the editor's draft, checked with the same Story schema a pack import uses, a new
// story's id, and the honest nudge when a result has no number in it. Pure: no database, no DOM.
import { Story, type PrincipleId } from '../content/question-pack';
import { slugId } from '../content/slug-id';

/** What the story editor holds, before it is checked. */
export interface StoryDraft {
  title: string;
  situation: string;
  action: string;
  result: string;
  principles: PrincipleId[];
}

export type StoryField = keyof StoryDraft;
export type StoryErrors = Partial<Record<StoryField, string>>;

/** The editor's fields in the order they are shown (the first invalid one gets focus). */
export const STORY_FIELDS: readonly StoryField[] = ['title', 'situation', 'action', 'result', 'principles'];

export function emptyStoryDraft(): StoryDraft {
  return { title: '', situation: '', action: '', result: '', principles: [] };
}

export function draftFromStory(story: Story): StoryDraft {
  const { title, situation, action, result, principles } = story;
  return { title, situation, action, result, principles: [...principles] };
}

const TEXT_MAX = 4000;

function fieldMessage(field: StoryField, code: string): string {
  switch (field) {
    case 'title':
      return code === 'too_big' ? 'Keep the title to 200 characters or fewer.' : 'Give the story a short title you will recognise.';
    case 'principles':
      return code === 'too_small' ? 'Tick at least one principle this story shows.' : 'Choose principles from the list.';
    default:
      return `Keep this to ${TEXT_MAX} characters or fewer.`;
  }
}

/**
 * Checks a draft for the story `id`, keeping its links (`questionIds`). On success the story's text is
 * trimmed; otherwise there is one message per invalid field.
 */
export function validateStoryDraft(
  draft: StoryDraft,
  id: string,
  questionIds: readonly string[] = [],
): { ok: true; story: Story } | { ok: false; errors: StoryErrors } {
  const parsed = Story.safeParse({ id, ...draft, questionIds: [...questionIds] });
  if (parsed.success) return { ok: true, story: parsed.data };
  const errors: StoryErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && (STORY_FIELDS as readonly string[]).includes(field)) {
      errors[field as StoryField] ??= fieldMessage(field as StoryField, issue.code);
    } else {
      // The id and links are made by the app, so this is a bug rather than a typo: say it on the title.
      errors.title ??= `${issue.path.join('.') || 'story'}: ${issue.message}`;
    }
  }
  return { ok: false, errors };
}

/** "story-" + the first words of the title as a slug, with "-2", "-3"… if needed to be unique. */
export function newStoryId(title: string, existingIds: Iterable<string>): string {
  return slugId('story', title, 'untitled', 5, existingIds);
}

/** Words that state an amount as plainly as a digit does ("doubled", "half", "three weeks"). */
const NUMBER_WORDS =
  /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|half|halved|double|doubled|twice|triple|tripled|tenfold|percent|dozen)\b/i;

/** True when the result states an amount: a digit or a number word. */
export function resultHasNumber(result: string): boolean {
  return /\d/.test(result) || NUMBER_WORDS.test(result);
}

/**
 * The nudge shown under a result without a number (never a block: some results honestly have none), or
 * null when there is nothing to say (a number is there, or no result is written yet).
 */
export function resultNudge(result: string): string | null {
  if (result.trim() === '' || resultHasNumber(result)) return null;
  return 'No number in the result yet. Interviewers trust a result they can measure: how much, how many, how fast, compared with what?';
}
