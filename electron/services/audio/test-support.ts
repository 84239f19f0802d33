// Helpers shared by the audio tests: a seeded PRNG so random chunkings replay, and a sample comparison
// that stays fast on a million samples (deep equality on typed arrays is slow and its diffs are huge).

/** Deterministic PRNG (mulberry32) returning numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The largest absolute difference between two signals; Infinity when their lengths differ. */
export function maxDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs((a[i] as number) - (b[i] as number)));
  return max;
}

export { concatSamples } from './resampler';
