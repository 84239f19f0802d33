// The countdown to a question's target length: calm, then amber in the last quarter, red once over.
// Quiet by design: only colour and text change; nothing is announced while the person speaks.

export type CountdownPhase = 'calm' | 'amber' | 'red';

/** Amber from this share of the target onwards. */
export const AMBER_AT = 0.75;

export interface Countdown {
  /** Time left to the target; negative once over. */
  remainingMs: number;
  phase: CountdownPhase;
}

export function countdown(elapsedMs: number, targetMs: number): Countdown {
  const remainingMs = targetMs - elapsedMs;
  const phase: CountdownPhase = elapsedMs >= targetMs ? 'red' : elapsedMs >= targetMs * AMBER_AT ? 'amber' : 'calm';
  return { remainingMs, phase };
}

/** "1:05 left", "0:00 left", "0:12 over" (whole seconds, rounded towards the target). */
export function countdownText({ remainingMs }: Countdown): string {
  const seconds = remainingMs >= 0 ? Math.ceil(remainingMs / 1000) : Math.floor(-remainingMs / 1000);
  const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  return remainingMs >= 0 ? `${clock} left` : `${clock} over`;
}
