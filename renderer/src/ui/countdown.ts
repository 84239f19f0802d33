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

/**
 * After Stop, until the next recording, the countdown gives way to the target the take is measured
 * against: beside the take's length it reads "0:40 of 1:45", or "2:10 of 1:45 · 0:25 over" past it.
 * Red only when over; a finished take is not "close to the target" any more, so it is never amber.
 */
export function againstTarget(elapsedMs: number, targetMs: number): { text: string; phase: CountdownPhase } {
  const left = countdown(elapsedMs, targetMs);
  const target = `of ${clock(Math.ceil(targetMs / 1000))}`;
  return left.remainingMs < 0 ? { text: `${target} · ${countdownText(left)}`, phase: 'red' } : { text: target, phase: 'calm' };
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
