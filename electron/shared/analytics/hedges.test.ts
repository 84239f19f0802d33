import { describe, expect, it } from 'vitest';
import { analyzeTranscript } from './analyze';
import { evenly, tokensOf, transcriptOf } from './analytics-test-support';
import { countCalibrated, countHedges } from './hedges';

describe('vague hedges', () => {
  it('counts hedges on word boundaries, ignoring case, punctuation and fillers', () => {
    // maybe, i guess, probably, perhaps = 4; "I guessed" and "maybelline" are not hedges.
    expect(countHedges(tokensOf('Maybe, um, I guess it was probably fine. Perhaps. I guessed maybelline'))).toEqual({
      hedgeCount: 4,
      hedges: [
        { phrase: 'maybe', count: 1 },
        { phrase: 'i guess', count: 1 },
        { phrase: 'probably', count: 1 },
        { phrase: 'perhaps', count: 1 },
      ],
    });
  });

  it('"kind of"/"sort of" after what/this/that/the/a/any/some… is not a hedge', () => {
    expect(countHedges(tokensOf('What kind of system was it?')).hedgeCount).toBe(0);
    expect(countHedges(tokensOf('this sort of thing, that kind of bug, the kind of team, a sort of cache, any kind of')).hedgeCount).toBe(
      0,
    );
    expect(countHedges(tokensOf('What, um, kind of system')).hedgeCount).toBe(0); // the filler is left out first
    // Hedges: "was kind of slow", "I sort of agreed", "Kind of." at the start.
    expect(countHedges(tokensOf('Kind of. It was kind of slow and I sort of agreed'))).toEqual({
      hedgeCount: 3,
      hedges: [
        { phrase: 'kind of', count: 2 },
        { phrase: 'sort of', count: 1 },
      ],
    });
  });

  it('a longer hedge wins over one inside it, and curly apostrophes are read as straight', () => {
    // "i think maybe" once (not also "maybe"), "I’m not sure" once, "a little bit" once, "maybe" once.
    expect(countHedges(tokensOf('I think maybe. I’m not sure, a little bit. Maybe'))).toEqual({
      hedgeCount: 4,
      hedges: [
        { phrase: 'i think maybe', count: 1 },
        { phrase: "i'm not sure", count: 1 },
        { phrase: 'a little bit', count: 1 },
        { phrase: 'maybe', count: 1 },
      ],
    });
    expect(countHedges(tokensOf('I think we should')).hedgeCount).toBe(0);
  });
});

describe('calibrated uncertainty', () => {
  it('"70%" as one word and "70" + "%" as two words both count as 70%', () => {
    const oneWord = analyzeTranscript(transcriptOf(evenly("I'm 70% sure")));
    expect(oneWord).toMatchObject({ calibratedCount: 1, calibrated: [{ phrase: '70% sure', count: 1 }], wordCount: 3 });
    const twoWords = analyzeTranscript(
      transcriptOf([
        ['about', 0, 300],
        [' 70', 300, 600],
        [' %', 600, 700],
        ['.', 700, 710],
      ]),
    );
    // "%" is not a word (wordCount 2) but still reads as "percent".
    expect(twoWords).toMatchObject({ calibratedCount: 1, calibrated: [{ phrase: '70%', count: 1 }], wordCount: 2 });
  });

  it('numbers in words, "per cent", decimals and a confidence word after the percentage', () => {
    expect(countCalibrated(tokensOf('seventy percent, seventy five per cent likely, 90 percent confident, 2.5% chance'))).toEqual({
      calibratedCount: 4,
      calibrated: [
        { phrase: 'seventy percent', count: 1 },
        { phrase: 'seventy five percent likely', count: 1 },
        { phrase: '90% confident', count: 1 },
        { phrase: '2.5% chance', count: 1 },
      ],
    });
    // No number, or no "percent": not a stated probability.
    expect(countCalibrated(tokensOf('a high percent of seventy users')).calibratedCount).toBe(0);
  });

  it('estimates, odds, reversibility and the cost of being wrong', () => {
    const text =
      "I'd estimate a confidence of about that. The odds and the likelihood were low; it was a two-way door, " +
      "reversible, we could roll back. If I'm wrong, the downside is small; the cost of being wrong was a day.";
    expect(countCalibrated(tokensOf(text))).toEqual({
      calibratedCount: 10,
      calibrated: [
        { phrase: "i'd estimate", count: 1 },
        { phrase: 'confidence of', count: 1 },
        { phrase: 'odds', count: 1 },
        { phrase: 'likelihood', count: 1 },
        { phrase: 'two way door', count: 1 },
        { phrase: 'reversible', count: 1 },
        { phrase: 'roll back', count: 1 },
        { phrase: "if i'm wrong", count: 1 },
        { phrase: 'downside', count: 1 },
        { phrase: 'cost of being wrong', count: 1 },
      ],
    });
  });

  it('hedges and calibrated phrases are counted separately', () => {
    const metrics = analyzeTranscript(transcriptOf(evenly('maybe 70% but maybe not')));
    expect(metrics).toMatchObject({ hedgeCount: 2, calibratedCount: 1 });
  });
});
