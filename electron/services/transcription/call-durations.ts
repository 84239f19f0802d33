// How long one engine call takes on this computer, learnt from the calls it has made. whisper.cpp encodes a
// full 30 s window whatever the audio's length, so a call costs about the same for 3 s as for 30 s: the
// median of the last few calls predicts the next one well. Stop uses it to tell whether the call that is
// running will be done soon or has only just started (take-transcriber.ts).

const KEPT = 5;

export class CallDurations {
  private readonly recent: number[] = [];

  record(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    this.recent.push(ms);
    if (this.recent.length > KEPT) this.recent.shift();
  }

  /** The median of the last calls, or null before the first one. */
  estimate(): number | null {
    if (this.recent.length === 0) return null;
    const sorted = [...this.recent].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  }
}

/** The app's engine is one per process: every take learns from, and uses, the same durations. */
export const sharedCallDurations = new CallDurations();
