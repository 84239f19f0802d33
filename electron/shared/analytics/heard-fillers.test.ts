import { describe, expect, it } from 'vitest';
import type { Hesitation } from '../contract';
import { choiceFor, heardFillerCount, isHeardFiller, tallyFillers, withChoice, type FillerChoice } from './heard-fillers';

const h = (startMs: number, kind: Hesitation['kind'] = 'uh', transcribed = false): Hesitation => ({
  startMs,
  endMs: startMs + 400,
  kind,
  score: 0.6,
  transcribed,
});

const HEARD = [h(1000), h(3000, 'um'), h(5000, 'hesitation'), h(7000, 'um', true), h(9000, 'drawn-out')];

describe('heard fillers', () => {
  it('are the hesitations neither transcribed nor drawn-out words', () => {
    expect(HEARD.map(isHeardFiller)).toEqual([true, true, true, false, false]);
    expect(heardFillerCount(HEARD)).toBe(3);
  });

  it('take the choice whose span overlaps them, and a new choice replaces the old', () => {
    let choices: FillerChoice[] = withChoice(undefined, h(3000), 'filler');
    expect(choiceFor(h(3000), choices)).toBe('filler');
    expect(choiceFor(h(1000), choices)).toBeNull();
    // Computed again a little differently (a new transcript), the choice still applies.
    expect(choiceFor({ ...h(3000), startMs: 3100, endMs: 3300 }, choices)).toBe('filler');
    choices = withChoice(choices, h(3000), 'not-filler');
    expect(choices).toEqual([{ startMs: 3000, endMs: 3400, verdict: 'not-filler' }]);
    choices = withChoice(withChoice(choices, h(1000), 'filler'), h(3000), null);
    expect(choices).toEqual([{ startMs: 1000, endMs: 1400, verdict: 'filler' }]);
  });
});

describe('tallyFillers', () => {
  it('counts transcribed + confirmed; unjudged heard fillers apart; dismissed ones nowhere', () => {
    const choices = withChoice(withChoice(undefined, h(1000), 'filler'), h(3000), 'not-filler');
    // 60 s of speech, 2 transcribed fillers
    expect(tallyFillers(2, 60_000, HEARD, choices)).toEqual({
      fillerCount: 3,
      fillersPerMin: 3,
      transcribedFillerCount: 2,
      confirmedFillerCount: 1,
      heardFillerCount: 1,
    });
  });

  it('ignores a choice on a hesitation that is now transcribed or a drawn-out word', () => {
    const choices = withChoice(withChoice(undefined, h(7000), 'filler'), h(9000), 'filler');
    expect(tallyFillers(1, 30_000, HEARD, choices)).toMatchObject({ fillerCount: 1, confirmedFillerCount: 0, heardFillerCount: 3 });
  });

  it('has heardFillerCount null before the audio was listened to, and no rate without speech', () => {
    expect(tallyFillers(0, 0, null, undefined)).toEqual({
      fillerCount: 0,
      fillersPerMin: null,
      transcribedFillerCount: 0,
      confirmedFillerCount: 0,
      heardFillerCount: null,
    });
    expect(tallyFillers(0, 10_000, [], undefined).heardFillerCount).toBe(0);
  });
});
