// Which stories fit a question, how often each story was told, and which principles no story covers:
// pure functions over stories, questions and attempts, so the rules are tested without a database.
import type { PrincipleId, Question, Story } from '../content/question-pack';

export interface StorySuggestion<S extends Story = Story> {
  story: S;
  /** The principles the story and the question share, in the question's order. */
  shared: PrincipleId[];
}

export interface StoriesForQuestion<S extends Story = Story> {
  /** Stories linked to the question, in the order given. */
  linked: S[];
  /** Unlinked stories sharing at least one principle with it: most shared first, then by title. */
  suggested: StorySuggestion<S>[];
}

/** The stories linked to `question`, and the others ranked by the principles they share with it. */
export function storiesForQuestion<S extends Story>(
  stories: readonly S[],
  question: Pick<Question, 'id' | 'principles'>,
): StoriesForQuestion<S> {
  const linked = stories.filter((story) => story.questionIds.includes(question.id));
  const suggested = stories
    .filter((story) => !story.questionIds.includes(question.id))
    .map((story) => ({ story, shared: question.principles.filter((p) => story.principles.includes(p)) }))
    .filter((suggestion) => suggestion.shared.length > 0)
    .sort((a, b) => b.shared.length - a.shared.length || a.story.title.localeCompare(b.story.title));
  return { linked, suggested };
}

export interface QuestionSuggestion<Q extends Pick<Question, 'id' | 'principles'>> {
  question: Q;
  /** The principles the question probes and the story shows, in the question's order. */
  shared: PrincipleId[];
}

/**
 * The other way round, for the Stories view: the questions `story` is not linked to, those sharing the most
 * principles with it first (ties keep the order given, the bank's order); `suggested` are those sharing any.
 */
export function questionsForStory<Q extends Pick<Question, 'id' | 'principles'>>(
  questions: readonly Q[],
  story: Pick<Story, 'principles' | 'questionIds'>,
): { suggested: QuestionSuggestion<Q>[]; others: Q[] } {
  const unlinked = questions.filter((question) => !story.questionIds.includes(question.id));
  const ranked = unlinked.map((question) => ({ question, shared: question.principles.filter((p) => story.principles.includes(p)) }));
  return {
    suggested: ranked.filter((r) => r.shared.length > 0).sort((a, b) => b.shared.length - a.shared.length),
    others: ranked.filter((r) => r.shared.length === 0).map((r) => r.question),
  };
}

/** The story with `questionId` added to its links (unchanged if already linked). */
export function withLink<S extends Story>(story: S, questionId: string): S {
  return story.questionIds.includes(questionId) ? story : { ...story, questionIds: [...story.questionIds, questionId] };
}

/** The story with `questionId` removed from its links. */
export function withoutLink<S extends Story>(story: S, questionId: string): S {
  return { ...story, questionIds: story.questionIds.filter((id) => id !== questionId) };
}

export interface StoryUse<S extends Story = Story> {
  story: S;
  /** Takes (not deleted) in which the person noted telling this story. */
  takes: number;
  /** When it was last told, or null if never. */
  lastUsedAt: number | null;
}

interface NotedAttempt {
  storyId?: string;
  startedAt: number;
  deletedAt?: number;
}

/** Each story with how often it was told: most used first, then by title; never-used ones last. */
export function storyUsage<S extends Story>(stories: readonly S[], attempts: readonly NotedAttempt[]): StoryUse<S>[] {
  const counts = new Map<string, { takes: number; last: number }>();
  for (const attempt of attempts) {
    if (attempt.deletedAt !== undefined || attempt.storyId === undefined) continue;
    const count = counts.get(attempt.storyId) ?? { takes: 0, last: -Infinity };
    count.takes += 1;
    count.last = Math.max(count.last, attempt.startedAt);
    counts.set(attempt.storyId, count);
  }
  return stories
    .map((story) => {
      const count = counts.get(story.id);
      return { story, takes: count?.takes ?? 0, lastUsedAt: count ? count.last : null };
    })
    .sort((a, b) => b.takes - a.takes || a.story.title.localeCompare(b.story.title));
}

/** The principles (of `all`, in that order) that no story shows yet. */
export function uncoveredPrinciples(stories: readonly Pick<Story, 'principles'>[], all: readonly PrincipleId[]): PrincipleId[] {
  const covered = new Set(stories.flatMap((story) => story.principles));
  return all.filter((principle) => !covered.has(principle));
}
