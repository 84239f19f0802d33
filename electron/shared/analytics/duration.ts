// The answer's length against the question's target.
//
// durationMs = options.durationMs (the take's recorded length, when the caller knows it), else the last
// spoken word's endMs, else (no words, no recorded length) null. targetSec = options.targetSec when it is
// a positive number, else null. durationVsTarget = durationMs / (targetSec × 1000) to 2 decimals;
// overTargetMs = durationMs − targetSec × 1000 rounded to whole ms (negative = under the target). Both
// are null without a target or without a duration.
// E.g. 112 000 ms against 105 s → 1.07, 7000 ms over.
import { round } from './round';
import type { SpokenWord } from './words';

export interface LengthOptions {
  targetSec?: number;
  durationMs?: number;
}

export interface Length {
  durationMs: number | null;
  targetSec: number | null;
  durationVsTarget: number | null;
  overTargetMs: number | null;
}

export function measureLength(words: readonly SpokenWord[], options: LengthOptions = {}): Length {
  const durationMs = isNumber(options.durationMs) && options.durationMs >= 0 ? options.durationMs : (words.at(-1)?.endMs ?? null);
  const targetSec = isNumber(options.targetSec) && options.targetSec > 0 ? options.targetSec : null;
  if (durationMs === null || targetSec === null) return { durationMs, targetSec, durationVsTarget: null, overTargetMs: null };
  const targetMs = targetSec * 1000;
  return { durationMs, targetSec, durationVsTarget: round(durationMs / targetMs, 2), overTargetMs: Math.round(durationMs - targetMs) };
}

function isNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
