// Rounding and rates shared by the metrics, so every number rounds the same way.

/** Rounds half away from zero for positive numbers (Math.round): round(120.04, 1) = 120, round(0.666, 2) = 0.67. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/** `count` per minute of `ms`, to 1 decimal; null when `ms` is 0 (a rate over no time means nothing). */
export function perMinute(count: number, ms: number): number | null {
  return ms > 0 ? round(count / (ms / 60_000), 1) : null;
}
