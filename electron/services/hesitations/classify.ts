// What a steady stretch sounds like, and how sure we are that it is a filled pause.
//
// Kind, from lowShare (the share of 80-3800 Hz energy below 450 Hz, frame-features.ts):
//   - "um" when the stretch ends in a hum: its last part (or, for one part, its last 30 % of frames)
//     has lowShare ≥ 0.6. A nasal murmur ("mm") has nearly all its energy at 200-450 Hz (measured 0.85-0.98
//     on espeak-ng's "um"/"hmm" in every voice tried), an open or mid vowel much less. "hmm" is an "um" too.
//   - "uh" when it does not, and the whole stretch has lowShare ≤ 0.5: an open or central vowel whose
//     first formant lies above 450 Hz ("uh" measured 0.06-0.2, "er" 0.2-0.46).
//   - "hesitation" otherwise: a steady voiced sound that is neither clearly (a close vowel such as a
//     held "eee", or a hum whose end was not steady).
// Score, 0-1: a ranking of how filler-like the stretch is, not a calibrated probability. Longer is more
// likely a filler (160 ms scores nothing for length, 600 ms and more full marks), and so is flatter pitch
// and a steadier spectrum: 0.25 + 0.35 × length + 0.2 × (1 − pitch range / 4 st) + 0.2 × (1 − spread / 2.5).
import { type FrameFeatures } from './frame-features';
import { STEADY, type SteadyStretch } from './steady-stretches';

export type HeardKind = 'uh' | 'um' | 'hesitation';

export const CLASSIFY = {
  nasalLowShare: 0.6,
  openVowelMaxLowShare: 0.5,
  /** Share of a one-part stretch's frames that make its end. */
  endShare: 0.3,
  fullScoreMs: 600,
} as const;

export function classifyStretch(f: FrameFeatures, stretch: SteadyStretch): { kind: HeardKind; score: number } {
  const lastPart = stretch.parts.at(-1) as { first: number; last: number };
  const endFirst =
    stretch.parts.length > 1
      ? lastPart.first
      : stretch.last - Math.max(1, Math.round((stretch.last - stretch.first + 1) * CLASSIFY.endShare)) + 1;
  const endLow = meanLowShare(f, endFirst, stretch.last);
  const allLow = meanLowShare(f, stretch.first, stretch.last);
  const kind: HeardKind = endLow >= CLASSIFY.nasalLowShare ? 'um' : allLow <= CLASSIFY.openVowelMaxLowShare ? 'uh' : 'hesitation';

  const ms = stretch.endMs - stretch.startMs;
  const length = clamp01((ms - STEADY.minMs) / (CLASSIFY.fullScoreMs - STEADY.minMs));
  const flatness = clamp01(1 - stretch.pitchRangeSt / 4);
  const steadiness = clamp01(1 - stretch.spread / STEADY.maxPartSpread);
  const score = 0.25 + 0.35 * length + 0.2 * flatness + 0.2 * steadiness;
  return { kind, score: Math.round(score * 100) / 100 };
}

function meanLowShare(f: FrameFeatures, first: number, last: number): number {
  let sum = 0;
  for (let k = first; k <= last; k++) sum += f.lowShare[k] as number;
  return sum / (last - first + 1);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
