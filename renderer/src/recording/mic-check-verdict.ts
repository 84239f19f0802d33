// The microphone check's verdict, in words, from the samples it recorded. Pure: no DOM, no Web Audio.
//
// Measured on the fake microphone's speech (jfk.wav, 11 s, sox stats: RMS -17.0 dBFS overall, peak
// -2.1 dBFS) and on sox-made versions of it, `vol 0.03` and `vol 6`. With measureLevels below (speech
// level = the 90th percentile of 50 ms window RMS, so pauses and the silence before speaking do not
// count): jfk.wav -11.2 dBFS speech, peak -1.9, nothing clipped (fine); vol 0.03 -41.7 dBFS, peak -32.6
// (too quiet); vol 6 -1.4 dBFS, peak 0, 16.6 % of samples clipped (clipping).
// A voice at a normal distance from a laptop or headset microphone sits around -30 to -10 dBFS.

/** Speech quieter than this (dBFS, the 90th percentile of 50 ms windows) is too quiet to transcribe well. */
export const TOO_QUIET_DB = -35;
/** Below this nothing was really heard: a muted or wrong input. */
export const NOTHING_DB = -55;
/** A sample at or above this magnitude (-0.09 dBFS) counts as clipped. */
export const CLIP_LEVEL = 0.99;
/** Clipping is reported once this share of samples is clipped (0.1 %: a few ms in a 5 s check). */
export const CLIP_SHARE = 0.001;
const WINDOW_SEC = 0.05;

export interface MicLevels {
  /** The 90th percentile of the RMS of 50 ms windows, in dBFS (-Infinity for silence). */
  speechDb: number;
  /** The largest sample magnitude, in dBFS. */
  peakDb: number;
  /** Share of samples at or above CLIP_LEVEL, 0-1. */
  clippedShare: number;
}

export type MicVerdictKind = 'nothing' | 'too-quiet' | 'clipping' | 'fine';

export interface MicVerdict {
  kind: MicVerdictKind;
  /** What to tell the person, in words. */
  words: string;
}

const toDb = (value: number): number => (value > 0 ? 20 * Math.log10(value) : -Infinity);

export function measureLevels(samples: Float32Array, sampleRate: number): MicLevels {
  const window = Math.max(1, Math.round(sampleRate * WINDOW_SEC));
  const windowDbs: number[] = [];
  let peak = 0;
  let clipped = 0;
  for (let start = 0; start < samples.length; start += window) {
    const end = Math.min(samples.length, start + window);
    let sum = 0;
    for (let i = start; i < end; i++) {
      const value = samples[i] ?? 0;
      const magnitude = Math.abs(value);
      sum += value * value;
      if (magnitude > peak) peak = magnitude;
      if (magnitude >= CLIP_LEVEL) clipped++;
    }
    windowDbs.push(toDb(Math.sqrt(sum / (end - start))));
  }
  windowDbs.sort((a, b) => a - b);
  const speechDb = windowDbs.length === 0 ? -Infinity : (windowDbs[Math.floor((windowDbs.length - 1) * 0.9)] ?? -Infinity);
  return { speechDb, peakDb: toDb(peak), clippedShare: samples.length === 0 ? 0 : clipped / samples.length };
}

export function micVerdict(levels: MicLevels): MicVerdict {
  const level = Number.isFinite(levels.speechDb) ? `${Math.round(levels.speechDb)} dB` : 'silence';
  if (levels.clippedShare >= CLIP_SHARE)
    return {
      kind: 'clipping',
      words: `Clipping: the loudest parts hit the top of the scale and will sound distorted. Move back from the microphone or turn its input volume down.`,
    };
  if (levels.speechDb < NOTHING_DB)
    return {
      kind: 'nothing',
      words: `Almost nothing was heard (${level}). Check that the microphone is not muted and that the right one is chosen.`,
    };
  if (levels.speechDb < TOO_QUIET_DB)
    return {
      kind: 'too-quiet',
      words: `Too quiet (${level}): transcripts may miss words. Move closer to the microphone or turn its input volume up.`,
    };
  return { kind: 'fine', words: `Fine: your voice comes through clearly (${level}, no clipping).` };
}
