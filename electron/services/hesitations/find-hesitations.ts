// Hears the fillers a transcript may lack: filled pauses ("uh", "um", "er", "hmm") found in a take's
// audio, whatever the speech engine wrote. Pure (no Electron, no DOM, no files): 16 kHz mono samples in,
// hesitations out. A 5-minute take takes well under a second (bench: hesitation_ms_300s).
//
// How (each step's thresholds and reasons are at the top of its file):
//   frame-features.ts    every 20 ms: level; for frames near speech level, pitch and voicing, a mel-cepstral
//                        spectral envelope and the share of low-frequency energy;
//   steady-stretches.ts  stretches of 160 ms to 2 s where the voice holds one pitch and one spectrum;
//   classify.ts          "um" (ends in a hum), "uh" (an open vowel) or "hesitation", and a 0-1 score;
//   transcript-rules.ts  with a transcript: merged with a transcribed filler, dropped or "drawn-out" inside
//                        a recognised word, otherwise heard and not in the transcript.
//
// From main, after a take is saved (its WAV is 16 kHz mono; the transcript when there is one):
//   const { channels } = await readWavFile(wavPath);
//   const hesitations = findHesitations(channels[0], { transcript });
//   const heard = heardFillerCount(hesitations); // fillers heard and not in the transcript
import type { Hesitation, Transcript } from '../../shared/contract';
import { classifyStretch } from './classify';
import { analyseFrames, FRAME_ANALYSIS } from './frame-features';
import { findSteadyStretches } from './steady-stretches';
import { applyTranscript } from './transcript-rules';

export type { Hesitation, HesitationKind } from '../../shared/contract';
// The definitions of a heard filler, shared with the renderer's metrics.
export { heardFillerCount, isHeardFiller } from '../../shared/analytics/heard-fillers';

export interface FindHesitationsOptions {
  /** The samples' rate: only 16 kHz (the app's takes) is accepted. */
  sampleRate?: number;
  /** The take's word-timed transcript, when there is one. */
  transcript?: Transcript | null;
}

/** Filled pauses in a take, in time order. Throws on a sample rate other than 16 kHz. */
export function findHesitations(samples: Float32Array, options: FindHesitationsOptions = {}): Hesitation[] {
  const sampleRate = options.sampleRate ?? FRAME_ANALYSIS.sampleRate;
  if (sampleRate !== FRAME_ANALYSIS.sampleRate)
    throw new Error(`findHesitations needs ${FRAME_ANALYSIS.sampleRate} Hz samples, got ${sampleRate} Hz: resample first`);
  const frames = analyseFrames(samples);
  const heard = findSteadyStretches(frames).map((stretch) => ({
    startMs: Math.round(stretch.startMs),
    endMs: Math.round(stretch.endMs),
    ...classifyStretch(frames, stretch),
  }));
  return applyTranscript(heard, options.transcript).map(({ startMs, endMs, kind, score, transcribed, word }) => ({
    startMs,
    endMs,
    kind,
    score,
    transcribed,
    ...(word === undefined ? {} : { word }),
  }));
}
