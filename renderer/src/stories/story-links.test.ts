// Which stories fit a question, how often each was told, and what no story covers.
import { describe, expect, it } from 'vitest';
import type { PrincipleId, Story } from '../content/question-pack';
import { questionsForStory, storiesForQuestion, storyUsage, uncoveredPrinciples, withLink, withoutLink } from './story-links';

function story(id: string, principles: PrincipleId[], questionIds: string[] = []): Story {
  return { id, title: id.replace('story-', ''), situation: '', action: '', result: '', principles, questionIds };
}

const question = { id: 'q-wrong', principles: ['intellectual-honesty', 'candour', 'directness'] as PrincipleId[] };

describe('storiesForQuestion', () => {
  it('puts linked stories apart and ranks the others by how many principles they share with the question', () => {
    const stories = [
      story('story-one', ['candour']),
      story('story-linked', ['thinking-at-scale'], ['q-wrong']),
      story('story-three', ['directness', 'candour', 'intellectual-honesty']),
      story('story-none', ['compensation-honesty']),
      story('story-two', ['directness', 'judgement-under-uncertainty', 'candour']),
    ];
    const { linked, suggested } = storiesForQuestion(stories, question);
    expect(linked.map((s) => s.id)).toEqual(['story-linked']);
    expect(suggested.map((s) => [s.story.id, s.shared])).toEqual([
      ['story-three', ['intellectual-honesty', 'candour', 'directness']],
      ['story-two', ['candour', 'directness']],
      ['story-one', ['candour']],
    ]);
  });

  it('breaks ties by title, so the order does not depend on storage', () => {
    const { suggested } = storiesForQuestion([story('story-b', ['candour']), story('story-a', ['candour'])], question);
    expect(suggested.map((s) => s.story.id)).toEqual(['story-a', 'story-b']);
  });

  it('suggests nothing when no story shares a principle', () => {
    expect(storiesForQuestion([story('story-x', ['thinking-at-scale'])], question)).toEqual({ linked: [], suggested: [] });
  });
});

describe('questionsForStory', () => {
  it('offers the unlinked questions sharing most principles first, in bank order on a tie, and the rest apart', () => {
    const questions = [
      { id: 'q-1', principles: ['candour'] as PrincipleId[] },
      { id: 'q-2', principles: ['thinking-at-scale'] as PrincipleId[] },
      { id: 'q-3', principles: ['directness', 'candour'] as PrincipleId[] },
      { id: 'q-4', principles: ['directness', 'intellectual-honesty', 'candour'] as PrincipleId[] },
      { id: 'q-5', principles: ['directness'] as PrincipleId[] },
    ];
    const { suggested, others } = questionsForStory(questions, story('story-a', ['candour', 'directness'], ['q-3']));
    expect(suggested.map((s) => [s.question.id, s.shared])).toEqual([
      ['q-4', ['directness', 'candour']],
      ['q-1', ['candour']],
      ['q-5', ['directness']],
    ]);
    expect(others.map((q) => q.id)).toEqual(['q-2']);
  });
});

describe('links', () => {
  it('adds a link once and removes it', () => {
    const linked = withLink(withLink(story('story-a', ['candour']), 'q-1'), 'q-1');
    expect(linked.questionIds).toEqual(['q-1']);
    expect(withoutLink(linked, 'q-1').questionIds).toEqual([]);
  });
});

describe('storyUsage', () => {
  it('counts the takes that told each story, not deleted ones, most used first, unused last', () => {
    const stories = [story('story-a', ['candour']), story('story-b', ['candour']), story('story-c', ['candour'])];
    const uses = storyUsage(stories, [
      { storyId: 'story-b', startedAt: 10 },
      { storyId: 'story-b', startedAt: 30 },
      { storyId: 'story-b', startedAt: 40, deletedAt: 50 },
      { storyId: 'story-c', startedAt: 20 },
      { startedAt: 60 },
      { storyId: 'story-gone', startedAt: 70 },
    ]);
    expect(uses.map((u) => [u.story.id, u.takes, u.lastUsedAt])).toEqual([
      ['story-b', 2, 30],
      ['story-c', 1, 20],
      ['story-a', 0, null],
    ]);
  });
});

describe('uncoveredPrinciples', () => {
  it('lists the principles no story shows, in the order given', () => {
    const all: PrincipleId[] = ['intellectual-honesty', 'candour', 'directness', 'thinking-at-scale'];
    expect(uncoveredPrinciples([story('story-a', ['candour']), story('story-b', ['directness', 'candour'])], all)).toEqual([
      'intellectual-honesty',
      'thinking-at-scale',
    ]);
    expect(uncoveredPrinciples([], all)).toEqual(all);
  });
});
