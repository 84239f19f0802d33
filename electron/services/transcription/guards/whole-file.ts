// The guards for a transcript of a whole file (the CLI's `rehearse transcribe`): the same guards as a
// take's chunks, with the file's own speech regions from the app's speech gate.
import { promises as fs } from 'node:fs';
import type { TranscriptionGuards } from '../../../shared/contract';
import { decodeWav } from '../../audio/wav';
import { detectSpeech } from '../speech-gate';
import type { Transcript } from '../transcript';
import { guardTranscript } from './index';

/** `wavPath` is the 16 kHz mono WAV the engine read (toWhisperWav's output). */
export async function guardWholeFile(
  transcript: Transcript,
  wavPath: string,
): Promise<{ transcript: Transcript; guards: TranscriptionGuards }> {
  const { channels, info } = decodeWav(await fs.readFile(wavPath));
  const { sampleRate } = info;
  const samples = channels[0] ?? new Float32Array(0);
  const speech = detectSpeech(samples, sampleRate);
  return guardTranscript(transcript, { fromMs: 0, toMs: (samples.length / sampleRate) * 1000, speech });
}
