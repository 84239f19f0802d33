// Two takes of one question side by side: their speaking metrics with the difference, and what was
// ticked on the culture checklist in each. Pure.
//
// "Better" is claimed only where the direction is honest, and `direction` says what it means:
//   - length against the target: closer to the question's target (either side);
//   - pace: closer to the 110-150 wpm reference range (norms.ts); both inside it is a tie;
//   - fillers per minute, long pauses, vague hedges: fewer;
//   - STAR parts with a cue: more, for behavioural questions only (the parts are a behavioural format);
//   - words, think time, calibrated uncertainty, "I" share: no direction (null). A longer or shorter
//     answer, a longer think, more percentages (a result such as "cut costs by 30%" counts) or more "I"
//     is not better in itself.
// Equal values (as shown, after rounding) are never "better".
//
// Fillers per minute are the take's stored metric, as everywhere else: transcribed fillers + the heard
// ones the person confirmed (electron/shared/analytics/heard-fillers.ts); only a take without stored
// metrics has them counted from its transcript alone.
import { analyzeTranscript } from '../../../electron/shared/analytics/analyze';
import { normFor } from '../../../electron/shared/analytics/norms';
import { round } from '../../../electron/shared/analytics/round';
import type { Transcript } from '../../../electron/shared/contract';
import { checklistScore, isTicked, type ChecklistScore } from '../checklist/checklist-state';
import { cultureChecklist, principlesFor } from '../checklist/use-culture-checklist';
import type { Attempt, StoredQuestion } from '../data/db';

export type MetricKey =
  'overTarget' | 'words' | 'wpm' | 'fillersPerMin' | 'longPauses' | 'thinkTime' | 'hedges' | 'calibrated' | 'iShare' | 'starCovered';

export interface MetricRow {
  key: MetricKey;
  label: string;
  /**
   * The value for each take, null when it cannot be measured (no transcript, no words). Units: overTarget
   * in whole seconds over the target (negative = under), thinkTime in seconds (1 decimal), iShare 0-1,
   * starCovered 0-4, the rest as named.
   */
  a: number | null;
  b: number | null;
  /** b − a, null unless both are known. */
  delta: number | null;
  /** Which take is better by `direction`; null without a direction, a value or a difference. */
  better: 'a' | 'b' | null;
  /** What "better" means for this row ("fewer", "closer to 110-150 wpm"), null where nothing is claimed. */
  direction: string | null;
}

export interface ChecklistRow {
  itemId: string;
  text: string;
  /** The principle's title. */
  principle: string;
  /** True for the principles the question probes; false for another principle's item ticked in a take. */
  probed: boolean;
  a: boolean;
  b: boolean;
}

export interface TakeComparison {
  metrics: MetricRow[];
  /** The probed principles' items (in the question's order), then any other item ticked in either take. */
  checklist: ChecklistRow[];
  /** Each take's score over the probed principles' items. */
  checklistScore: { a: ChecklistScore; b: ChecklistScore };
}

export interface CompareInput {
  a: Attempt;
  b: Attempt;
  question: Pick<StoredQuestion, 'category' | 'targetSec' | 'principles'>;
  /** The takes' transcripts: null or undefined when a take has none (the stored metrics are used then). */
  transcriptA?: Transcript | null;
  transcriptB?: Transcript | null;
}

type Values = Record<MetricKey, number | null>;

/** A take's values: from its transcript when there is one, else from its stored headline metrics. */
function valuesOf(attempt: Attempt, transcript: Transcript | null | undefined, targetSec: number): Values {
  const durationMs = attempt.durationMs > 0 ? attempt.durationMs : undefined;
  if (transcript) {
    const m = analyzeTranscript(transcript, { targetSec, durationMs });
    const spoken = m.wordCount > 0;
    return {
      overTarget: m.overTargetMs === null ? null : Math.round(m.overTargetMs / 1000),
      words: m.wordCount,
      wpm: m.wpm,
      fillersPerMin: attempt.metrics ? attempt.metrics.fillersPerMin : m.fillersPerMin,
      longPauses: spoken ? m.longPauseCount : null,
      thinkTime: m.thinkTimeMs === null ? null : round(m.thinkTimeMs / 1000, 1),
      hedges: spoken ? m.hedgeCount : null,
      calibrated: spoken ? m.calibratedCount : null,
      iShare: m.iShare,
      starCovered: spoken ? m.starCovered : null,
    };
  }
  const stored = attempt.metrics;
  const spoken = stored !== undefined && stored.wordCount > 0;
  return {
    overTarget: durationMs !== undefined && targetSec > 0 ? Math.round((durationMs - targetSec * 1000) / 1000) : null,
    words: stored?.wordCount ?? null,
    wpm: stored?.wpm ?? null,
    fillersPerMin: stored?.fillersPerMin ?? null,
    longPauses: spoken ? stored.longPauseCount : null,
    thinkTime: stored?.thinkTimeMs === null || stored?.thinkTimeMs === undefined ? null : round(stored.thinkTimeMs / 1000, 1),
    hedges: null,
    calibrated: null,
    iShare: null,
    starCovered: null,
  };
}

/** How far a value is from a range (0 inside it, bounds included). */
function distanceFrom(value: number, low: number | undefined, high: number | undefined): number {
  if (low !== undefined && value < low) return low - value;
  if (high !== undefined && value > high) return value - high;
  return 0;
}

/** The take whose score is lower; null on a tie. */
function lower(a: number, b: number): 'a' | 'b' | null {
  if (a === b) return null;
  return a < b ? 'a' : 'b';
}

interface Spec {
  key: MetricKey;
  label: string;
  direction: string | null;
  /** A score where lower is better; absent where no direction is claimed. */
  score?: (value: number) => number;
}

function specs(question: CompareInput['question']): Spec[] {
  const wpm = normFor('wpm');
  const wpmRange = `${wpm?.low ?? 110}-${wpm?.high ?? 150}`;
  const behavioural = question.category === 'behavioural';
  return [
    { key: 'overTarget', label: 'Length against target (s over, − under)', direction: 'closer to the target', score: Math.abs },
    { key: 'words', label: 'Words', direction: null },
    {
      key: 'wpm',
      label: 'Words per minute',
      direction: `closer to ${wpmRange} wpm`,
      score: (value) => distanceFrom(value, wpm?.low ?? 110, wpm?.high ?? 150),
    },
    { key: 'fillersPerMin', label: 'Fillers per minute', direction: 'fewer', score: (value) => value },
    { key: 'longPauses', label: 'Long pauses (2 s or more)', direction: 'fewer', score: (value) => value },
    { key: 'thinkTime', label: 'Think time before the first word (s)', direction: null },
    { key: 'hedges', label: 'Vague hedges', direction: 'fewer', score: (value) => value },
    { key: 'calibrated', label: 'Calibrated uncertainty', direction: null },
    { key: 'iShare', label: '“I” share of I and we', direction: null },
    behavioural
      ? { key: 'starCovered', label: 'STAR parts with a cue (of 4)', direction: 'more', score: (value) => -value }
      : { key: 'starCovered', label: 'STAR parts with a cue (of 4)', direction: null },
  ];
}

export function compareTakes({ a, b, question, transcriptA, transcriptB }: CompareInput): TakeComparison {
  const valuesA = valuesOf(a, transcriptA, question.targetSec);
  const valuesB = valuesOf(b, transcriptB, question.targetSec);
  const metrics = specs(question).map(({ key, label, direction, score }): MetricRow => {
    const va = valuesA[key];
    const vb = valuesB[key];
    const both = va !== null && vb !== null;
    return {
      key,
      label,
      a: va,
      b: vb,
      delta: both ? round(vb - va, 2) : null,
      better: both && score ? lower(score(va), score(vb)) : null,
      direction,
    };
  });

  const { probed } = principlesFor(question);
  const probedIds = probed.flatMap((principle) => principle.items.map((item) => item.id));
  const checklist: ChecklistRow[] = [];
  for (const principle of probed) {
    for (const item of principle.items) {
      checklist.push({
        itemId: item.id,
        text: item.text,
        principle: principle.title,
        probed: true,
        a: isTicked(a.checklist, item.id),
        b: isTicked(b.checklist, item.id),
      });
    }
  }
  for (const principle of cultureChecklist.principles) {
    if (probed.includes(principle)) continue;
    for (const item of principle.items) {
      const inA = isTicked(a.checklist, item.id);
      const inB = isTicked(b.checklist, item.id);
      if (inA || inB) checklist.push({ itemId: item.id, text: item.text, principle: principle.title, probed: false, a: inA, b: inB });
    }
  }

  return {
    metrics,
    checklist,
    checklistScore: { a: checklistScore(a.checklist, probedIds), b: checklistScore(b.checklist, probedIds) },
  };
}
