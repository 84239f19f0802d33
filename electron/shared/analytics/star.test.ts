import { describe, expect, it } from 'vitest';
import { tokensOf } from './analytics-test-support';
import { findStarCues } from './star';

describe('STAR cues', () => {
  it('lists the cues found for each part, overlapping cues included', () => {
    const answer =
      'At the time we were migrating billing. My role was the database, and the goal was zero downtime. ' +
      'So I decided to add a shadow table and I wrote the checks. As a result, errors reduced by 40%.';
    expect(findStarCues(tokensOf(answer))).toEqual({
      star: {
        situation: ['at the time', 'we were'],
        task: ['the goal', 'my role'],
        action: ['i decided', 'i wrote', 'so i'],
        result: ['as a result', 'reduced', 'percent'],
      },
      starCovered: 4,
    });
  });

  it('counts the parts with at least one cue; whole words only', () => {
    // "contextual" is not "context", "reducedness" not "reduced"; only "i built" (action) is found.
    expect(findStarCues(tokensOf('I built a contextual reducedness thing'))).toEqual({
      star: { situation: [], task: [], action: ['i built'], result: [] },
      starCovered: 1,
    });
    expect(findStarCues([])).toEqual({ star: { situation: [], task: [], action: [], result: [] }, starCovered: 0 });
  });
});
