// Where the voice holds still: stretches of voiced frames whose pitch barely moves and whose spectral
// envelope barely changes, the acoustic mark of a filled pause (Goto, Itou and Hayamizu's filled-pause
// detector looks for the same two things: small F0 variation and small spectral-envelope deformation).
//
// 1. A frame is steady when the 5 frames around it (100 ms) are at least 4 voiced, their pitches lie
//    within maxPitchRangeSt semitones of each other (an octave jump of the pitch tracker counts as no
//    jump), and their cepstra lie on average within maxSpectralDeviation of their mean.
// 2. Steady frames at most bridgeFrames apart form a stretch, which reaches the edges of the windows of
//    its first and last steady frames.
// 3. Two stretches at most mergeGapFrames apart, with pitch continuing across the gap, are one: the vowel
//    and the hum of an "um" differ too much in spectrum to be one steady stretch, but the voice goes on.
// 4. What is kept: 160 ms to 2 s, at most maxStretchPitchRangeSt of pitch range from end to end, and each
//    part one sound from end to end (its frames' average distance from the part's mean cepstrum at most
//    maxPartSpread): a slow glide, of pitch or between two vowels (a diphthong, "so", "my"), is steady from
//    frame to frame but not from end to end.
import { FRAME_ANALYSIS, frameCentreMs, type FrameFeatures } from './frame-features';

export const STEADY = {
  /** Voicing (autocorrelation peak) of a voiced frame. */
  minVoicing: 0.45,
  /** The window around each frame: 2 each side, 100 ms. */
  halfWindow: 2,
  minVoicedInWindow: 4,
  /** Pitch spread within the 100 ms window; speech moves 2-6 semitones within a syllable. */
  maxPitchRangeSt: 1.5,
  /** Mean distance of the window's cepstra from their mean. */
  maxSpectralDeviation: 1.6,
  bridgeFrames: 2,
  mergeGapFrames: 4,
  /** Pitch continuity across a merge, semitones between the parts' medians. */
  maxMergePitchStepSt: 2.5,
  maxPartSpread: 2.5,
  /**
   * Pitch range over the whole stretch (10th to 90th percentile): a filled pause stays level or falls
   * gently (espeak-ng's fillers in the test set: 0.2-2.4 semitones); a slow glide is intonation.
   */
  maxStretchPitchRangeSt: 4,
  minMs: 160,
  maxMs: 2000,
} as const;

export type SteadyParams = { readonly [K in keyof typeof STEADY]: number };

const C = FRAME_ANALYSIS.cepstra;

/** A steady stretch, frames first..last inclusive, with what classify.ts needs to know about it. */
export interface SteadyStretch {
  first: number;
  last: number;
  startMs: number;
  endMs: number;
  /** The frames of each merged part (one part for most stretches, two for a vowel then a hum). */
  parts: { first: number; last: number }[];
  medianF0Hz: number;
  /** Pitch range over the stretch without its top and bottom 10 % of frames, semitones. */
  pitchRangeSt: number;
  /** Largest part spread (mean distance from the part's mean cepstrum). */
  spread: number;
  meanVoicing: number;
}

const semitones = (hz: number) => 12 * Math.log2(hz / 100);

/** `st` moved by whole octaves to within 6 semitones of `reference`. */
function fold(st: number, reference: number): number {
  return st - 12 * Math.round((st - reference) / 12);
}

export function findSteadyStretches(f: FrameFeatures, p: SteadyParams = STEADY): SteadyStretch[] {
  const steady = steadyFrames(f, p);
  const runs: { first: number; last: number }[] = [];
  for (let k = 0; k < f.count; k++) {
    if (!steady[k]) continue;
    let end = k;
    for (let next = k + 1; next < f.count && next - end <= p.bridgeFrames + 1; next++) if (steady[next]) end = next;
    runs.push({ first: Math.max(0, k - p.halfWindow), last: Math.min(f.count - 1, end + p.halfWindow) });
    k = end;
  }
  const merged: { first: number; last: number }[][] = [];
  for (const run of runs) {
    const previous = merged.at(-1);
    const last = previous?.at(-1);
    if (previous && last && run.first - last.last - 1 <= p.mergeGapFrames && pitchContinues(f, last, run, p)) previous.push(run);
    else merged.push([run]);
  }
  const stretches: SteadyStretch[] = [];
  for (const parts of merged) {
    const stretch = describe(f, parts, p);
    const ms = stretch.endMs - stretch.startMs;
    if (ms >= p.minMs && ms <= p.maxMs && stretch.spread <= p.maxPartSpread && stretch.pitchRangeSt <= p.maxStretchPitchRangeSt)
      stretches.push(stretch);
  }
  return stretches;
}

function voiced(f: FrameFeatures, k: number, p: SteadyParams): boolean {
  return f.analysed[k] === 1 && (f.voicing[k] as number) >= p.minVoicing;
}

function steadyFrames(f: FrameFeatures, p: SteadyParams): Uint8Array {
  const h = p.halfWindow;
  const size = 2 * h + 1;
  const steady = new Uint8Array(f.count);
  const mean = new Float64Array(C);
  for (let k = h; k + h < f.count; k++) {
    if (!voiced(f, k, p)) continue;
    const reference = semitones(f.f0Hz[k] as number);
    let low = Infinity;
    let high = -Infinity;
    let voicedCount = 0;
    for (let j = k - h; j <= k + h; j++) {
      if (!voiced(f, j, p)) continue;
      voicedCount++;
      const st = fold(semitones(f.f0Hz[j] as number), reference);
      if (st < low) low = st;
      if (st > high) high = st;
    }
    if (voicedCount < p.minVoicedInWindow || high - low > p.maxPitchRangeSt) continue;
    mean.fill(0);
    for (let j = k - h; j <= k + h; j++)
      for (let c = 0; c < C; c++) mean[c] = (mean[c] as number) + (f.cepstrum[j * C + c] as number) / size;
    let deviation = 0;
    for (let j = k - h; j <= k + h; j++) deviation += distance(f, j, mean) / size;
    if (deviation <= p.maxSpectralDeviation) steady[k] = 1;
  }
  return steady;
}

function distance(f: FrameFeatures, k: number, mean: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < C; c++) {
    const d = (f.cepstrum[k * C + c] as number) - (mean[c] as number);
    sum += d * d;
  }
  return Math.sqrt(sum);
}

function voicedSemitones(f: FrameFeatures, first: number, last: number, p: SteadyParams): number[] {
  const out: number[] = [];
  for (let k = first; k <= last; k++) if (voiced(f, k, p)) out.push(semitones(f.f0Hz[k] as number));
  return out.sort((a, b) => a - b);
}

function median(sorted: number[]): number {
  return sorted.length === 0 ? NaN : (sorted[Math.floor(sorted.length / 2)] as number);
}

function pitchContinues(
  f: FrameFeatures,
  a: { first: number; last: number },
  b: { first: number; last: number },
  p: SteadyParams,
): boolean {
  const left = median(voicedSemitones(f, Math.max(a.first, a.last - 4), a.last, p));
  const right = median(voicedSemitones(f, b.first, Math.min(b.last, b.first + 4), p));
  return Math.abs(fold(right, left) - left) <= p.maxMergePitchStepSt;
}

function describe(f: FrameFeatures, parts: { first: number; last: number }[], p: SteadyParams): SteadyStretch {
  const first = (parts[0] as { first: number }).first;
  const last = (parts.at(-1) as { last: number }).last;
  const sts = voicedSemitones(f, first, last, p);
  const reference = median(sts);
  const folded = sts.map((st) => fold(st, reference)).sort((a, b) => a - b);
  const trim = Math.floor(folded.length * 0.1);
  const pitchRangeSt = folded.length > 0 ? (folded[folded.length - 1 - trim] as number) - (folded[trim] as number) : 0;
  let spread = 0;
  const mean = new Float64Array(C);
  for (const part of parts) {
    const n = part.last - part.first + 1;
    mean.fill(0);
    for (let k = part.first; k <= part.last; k++)
      for (let c = 0; c < C; c++) mean[c] = (mean[c] as number) + (f.cepstrum[k * C + c] as number) / n;
    let partSpread = 0;
    for (let k = part.first; k <= part.last; k++) partSpread += distance(f, k, mean) / n;
    spread = Math.max(spread, partSpread);
  }
  let voicing = 0;
  for (let k = first; k <= last; k++) voicing += (f.voicing[k] as number) / (last - first + 1);
  const halfHop = f.hopMs / 2;
  return {
    first,
    last,
    startMs: Math.max(0, frameCentreMs(first) - halfHop),
    endMs: frameCentreMs(last) + halfHop,
    parts,
    medianF0Hz: 100 * 2 ** (reference / 12),
    pitchRangeSt,
    spread,
    meanVoicing: voicing,
  };
}
