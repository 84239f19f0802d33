import { describe, expect, it } from 'vitest';
import { evenly, transcriptOf } from '../../../electron/shared/analytics/analytics-test-support';
import type { Transcript } from '../../../electron/shared/contract';
import type { Attempt, AttemptMetrics, StoredQuestion } from '../data/db';
import { metricsOf } from '../data/transcript-repo';
import { compareTakes, type MetricKey, type TakeComparison } from './compare';

const question: StoredQuestion = {
  id: 'mistake',
  text: 'Tell me about a mistake you made.',
  category: 'behavioural',
  stage: 'team-interview',
  principles: ['intellectual-honesty'],
  targetSec: 60,
  packId: 'test',
  order: 0,
  origin: 'own',
};

function attempt(id: string, durationMs: number, extra: Partial<Attempt> = {}): Attempt {
  return {
    id,
    questionId: question.id,
    startedAt: 1_700_000_000_000,
    durationMs,
    fileName: `${id}.wav`,
    status: 'complete',
    droppedMs: 0,
    ...extra,
  };
}

function row(comparison: TakeComparison, key: MetricKey) {
  const found = comparison.metrics.find((metric) => metric.key === key);
  if (!found) throw new Error(`no row ${key}`);
  return found;
}

/** `count` words of `text` repeated, one every `stepMs`, from `startMs`. */
function spoken(text: string, count: number, startMs: number, stepMs: number): Transcript {
  const words = text.split(' ');
  return transcriptOf(evenly(Array.from({ length: count }, (_, i) => words[i % words.length]).join(' '), startMs, stepMs));
}

// A: 60 words over 20 s (180 wpm) after 4 s of thinking, with fillers ("um") and vague hedges ("maybe", "kind of").
const transcriptA = spoken('at the time um maybe we were kind of stuck so i decided', 60, 4000, 333.33);
// B: 60 words over 30 s (120 wpm) after 1 s, no fillers or hedges, a calibrated "70 percent" and a cue for every STAR part.
const transcriptB = spoken('at the time my job was to fix it so i decided 70 percent and as a result it worked', 60, 1000, 500);

describe('compareTakes', () => {
  const a = attempt('take-aaaaaa', 75_000);
  const b = attempt('take-bbbbbb', 58_000);
  const comparison = compareTakes({ a, b, question, transcriptA, transcriptB });

  it('lists the metric rows in order', () => {
    expect(comparison.metrics.map((metric) => metric.key)).toEqual([
      'overTarget',
      'words',
      'wpm',
      'fillersPerMin',
      'longPauses',
      'thinkTime',
      'hedges',
      'calibrated',
      'iShare',
      'starCovered',
    ]);
  });

  it('calls the take closer to the target better, on either side', () => {
    expect(row(comparison, 'overTarget')).toMatchObject({ a: 15, b: -2, delta: -17, better: 'b', direction: 'closer to the target' });
  });

  it('never calls a pace better for being faster or slower, only for being nearer 110-150 wpm', () => {
    expect(row(comparison, 'wpm')).toMatchObject({ better: 'b', direction: 'closer to 110-150 wpm' });
    expect(row(comparison, 'wpm').a).toBeGreaterThan(150);
    const slow = spoken('we shipped it', 20, 0, 1000); // 20 words over 20 s: 60 wpm
    const fast = spoken('we shipped it', 40, 0, 375); // 40 words over 15 s: 160 wpm
    expect(row(compareTakes({ a, b, question, transcriptA: slow, transcriptB: fast }), 'wpm').better).toBe('b');
    const inside = spoken('we shipped it', 40, 0, 500); // 120 wpm
    const alsoInside = spoken('we shipped it', 35, 0, 500); // 120 wpm too, fewer words
    const within = spoken('we shipped it', 36, 0, 450); // 133.3 wpm
    expect(row(compareTakes({ a, b, question, transcriptA: inside, transcriptB: within }), 'wpm')).toMatchObject({ better: null });
    expect(row(compareTakes({ a, b, question, transcriptA: inside, transcriptB: alsoInside }), 'wpm').delta).toBe(0);
  });

  it('calls fewer fillers and fewer vague hedges better', () => {
    expect(row(comparison, 'fillersPerMin')).toMatchObject({ better: 'b', direction: 'fewer' });
    expect(row(comparison, 'fillersPerMin').b).toBe(0);
    expect(row(comparison, 'hedges')).toMatchObject({ better: 'b', direction: 'fewer', b: 0 });
  });

  it('takes fillers per minute from the stored metrics, which count the confirmed heard fillers too', () => {
    // B's transcript has no filler, but the person confirmed 3 heard in its audio: 6 per minute of its 30 s.
    const metricsB = { ...metricsOf(transcriptB), fillerCount: 3, fillersPerMin: 6, confirmedFillerCount: 3 };
    const confirmed = compareTakes({ a, b: { ...b, metrics: metricsB }, question, transcriptA, transcriptB });
    expect(row(confirmed, 'fillersPerMin')).toMatchObject({ b: 6 });
    expect(row(confirmed, 'fillersPerMin').a).toBe(row(comparison, 'fillersPerMin').a);
  });

  it('claims no direction for words, think time, calibrated uncertainty or "I" share', () => {
    for (const key of ['words', 'thinkTime', 'calibrated', 'iShare'] as const) {
      expect(row(comparison, key)).toMatchObject({ better: null, direction: null });
    }
    expect(row(comparison, 'thinkTime')).toMatchObject({ a: 4, b: 1, delta: -3 });
    expect(row(comparison, 'calibrated').b).toBeGreaterThan(0);
  });

  it('calls more STAR parts better for behavioural questions only', () => {
    expect(row(comparison, 'starCovered')).toMatchObject({ b: 4, better: 'b', direction: 'more' });
    const technical = compareTakes({ a, b, question: { ...question, category: 'technical' }, transcriptA, transcriptB });
    expect(row(technical, 'starCovered')).toMatchObject({ b: 4, better: null, direction: null });
  });

  it('calls nothing better on a tie', () => {
    const same = compareTakes({ a, b: attempt('take-cccccc', 75_000), question, transcriptA, transcriptB: transcriptA });
    expect(same.metrics.every((metric) => metric.better === null)).toBe(true);
    expect(same.metrics.every((metric) => metric.delta === 0 || metric.delta === null)).toBe(true);
  });

  it('falls back to the stored metrics for a take without a transcript', () => {
    const metrics: AttemptMetrics = {
      version: 1,
      wordCount: 50,
      speechMs: 30_000,
      wpm: 100,
      fillerCount: 1,
      fillersPerMin: 2,
      transcribedFillerCount: 1,
      confirmedFillerCount: 0,
      heardFillerCount: 2,
      longPauseCount: 1,
      thinkTimeMs: 1500,
    };
    const stored = attempt('take-dddddd', 50_000, { metrics });
    const result = compareTakes({ a: stored, b, question, transcriptA: null, transcriptB });
    expect(row(result, 'overTarget')).toMatchObject({ a: -10, b: -2, better: 'b' });
    expect(row(result, 'words')).toMatchObject({ a: 50, b: 60, delta: 10 });
    expect(row(result, 'wpm')).toMatchObject({ a: 100, b: 120, better: 'b' });
    expect(row(result, 'thinkTime')).toMatchObject({ a: 1.5 });
    expect(row(result, 'hedges')).toMatchObject({ a: null, delta: null, better: null });
    const nothing = compareTakes({ a: attempt('take-eeeeee', 0), b, question });
    expect(nothing.metrics.every((metric) => metric.a === null && metric.better === null)).toBe(true);
  });

  it('lists the probed principle’s items, then other items ticked in either take', () => {
    const ticked = compareTakes({
      a: attempt('take-ffffff', 60_000, {
        checklist: { ticks: [{ itemId: 'intellectual-honesty.named-mistake' }, { itemId: 'candour.specific-words' }], updatedAt: 1 },
      }),
      b: attempt('take-gggggg', 60_000, {
        checklist: {
          ticks: [
            { itemId: 'intellectual-honesty.named-mistake', evidence: { sentenceIndex: 0, text: 'I broke it.', startMs: 0, endMs: 900 } },
            { itemId: 'intellectual-honesty.gave-the-cost' },
          ],
          updatedAt: 1,
        },
      }),
      question,
    });
    expect(ticked.checklist.map((item) => [item.itemId, item.probed, item.a, item.b])).toEqual([
      ['intellectual-honesty.named-mistake', true, true, true],
      ['intellectual-honesty.said-what-i-missed', true, false, false],
      ['intellectual-honesty.gave-the-cost', true, false, true],
      ['intellectual-honesty.what-i-do-now', true, false, false],
      ['candour.specific-words', false, true, false],
    ]);
    expect(ticked.checklist[0]?.principle).toBe('Intellectual honesty over self-promotion');
    expect(ticked.checklist[0]?.text).not.toBe('');
    expect(ticked.checklistScore).toEqual({ a: { ticked: 1, total: 4, withEvidence: 0 }, b: { ticked: 2, total: 4, withEvidence: 1 } });
  });

  it('gives an empty score to takes nobody ticked', () => {
    expect(comparison.checklistScore).toEqual({ a: { ticked: 0, total: 4, withEvidence: 0 }, b: { ticked: 0, total: 4, withEvidence: 0 } });
    expect(comparison.checklist.every((item) => item.probed && !item.a && !item.b)).toBe(true);
  });
});
