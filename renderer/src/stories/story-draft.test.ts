// Writing a story: what the editor accepts, the messages it gives, ids, and the nudge for a result with no number.
import { describe, expect, it } from 'vitest';
import { draftFromStory, emptyStoryDraft, newStoryId, resultHasNumber, resultNudge, validateStoryDraft } from './story-draft';

describe('validateStoryDraft', () => {
  it('accepts a story with a title and a principle, trimming its text and keeping its links', () => {
    const checked = validateStoryDraft(
      { title: '  The wrong vendor ', situation: ' A week to pick. ', action: 'I chose.', result: '', principles: ['candour'] },
      'story-the-wrong-vendor',
      ['q-1'],
    );
    expect(checked).toEqual({
      ok: true,
      story: {
        id: 'story-the-wrong-vendor',
        title: 'The wrong vendor',
        situation: 'A week to pick.',
        action: 'I chose.',
        result: '',
        principles: ['candour'],
        questionIds: ['q-1'],
      },
    });
  });

  it('says what to fix on each field of an empty draft', () => {
    const checked = validateStoryDraft(emptyStoryDraft(), 'story-x');
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.title).toBe('Give the story a short title you will recognise.');
    expect(checked.errors.principles).toBe('Tick at least one principle this story shows.');
    expect(checked.errors.situation).toBeUndefined();
  });

  it('refuses text longer than 4000 characters, on that field', () => {
    const checked = validateStoryDraft(
      { ...emptyStoryDraft(), title: 'T', principles: ['directness'], result: 'x'.repeat(4001) },
      'story-t',
    );
    expect(checked.ok ? null : checked.errors).toEqual({ result: 'Keep this to 4000 characters or fewer.' });
  });

  it('turns a story back into the draft it came from', () => {
    const draft = { title: 'T', situation: 'S', action: 'A', result: 'R 2x', principles: ['candour' as const] };
    const checked = validateStoryDraft(draft, 'story-t');
    expect(checked.ok && draftFromStory(checked.story)).toEqual(draft);
  });
});

describe('newStoryId', () => {
  it('slugs the first words of the title and stays unique', () => {
    expect(newStoryId('Café: the Wrong Vendor, again and again!', [])).toBe('story-cafe-the-wrong-vendor-again');
    expect(newStoryId('The wrong vendor', ['story-the-wrong-vendor'])).toBe('story-the-wrong-vendor-2');
    expect(newStoryId('The wrong vendor', ['story-the-wrong-vendor', 'story-the-wrong-vendor-2'])).toBe('story-the-wrong-vendor-3');
    expect(newStoryId('!!!', [])).toBe('story-untitled');
  });
});

describe('the result nudge', () => {
  it('finds digits and number words', () => {
    expect(resultHasNumber('Cut the build from 40 to 12 minutes')).toBe(true);
    expect(resultHasNumber('We shipped three weeks early')).toBe(true);
    expect(resultHasNumber('Support tickets halved')).toBe(true);
    expect(resultHasNumber('Churn fell by a third of a percent')).toBe(true);
    expect(resultHasNumber('The team was happier')).toBe(false);
    // "someone" holds "one", but is not a number.
    expect(resultHasNumber('Someone else took it over')).toBe(false);
  });

  it('nudges a written result with no number, and says nothing otherwise', () => {
    expect(resultNudge('The team was happier')).toMatch(/^No number in the result yet\./);
    expect(resultNudge('Latency fell 30%')).toBeNull();
    expect(resultNudge('   ')).toBeNull();
  });
});
