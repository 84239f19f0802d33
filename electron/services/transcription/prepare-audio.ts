// Turns any uncompressed WAV (any rate, any channel count, 8-32-bit integer or float) into what
// whisper.cpp reads: 16 kHz, mono, 16-bit PCM. Uses the app's own WAV reader and libsamplerate
// resampler, so the engine never sees a file it would refuse or misread.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { concatSamples, createResampler, downmixToMono } from '../audio/resampler';
import { decodeWav, encodeMonoWav, floatToInt16, readWavInfo, type WavInfo } from '../audio/wav';
import { TranscriptionError } from './transcription-error';

export const WHISPER_SAMPLE_RATE = 16_000;

/** Resampled in 10 s pieces so the WebAssembly converter never holds a whole long take at once. */
const RESAMPLE_BLOCK_SECONDS = 10;

export interface PrepareAudioOptions {
  /** Told about something the caller may want to show, e.g. that the file was cut short. */
  onWarning?: (message: string) => void;
}

/** True when whisper.cpp can read the file as it is: 16 kHz mono 16-bit PCM whose header matches its data. */
export function isWhisperReady(info: WavInfo): boolean {
  return (
    info.format === 'pcm' &&
    info.sampleRate === WHISPER_SAMPLE_RATE &&
    info.channels === 1 &&
    info.bitsPerSample === 16 &&
    info.declaredDataBytes === info.dataBytes
  );
}

/**
 * Returns the path of a 16 kHz mono 16-bit WAV with the input's audio: the input itself when it already
 * is one, else a new file in `outDir` (which the caller owns and cleans up). A file cut short (a take that
 * was recording when the app crashed) is converted from the audio that is there, with a warning; a file
 * with no audio at all is refused. Throws TranscriptionError('audio-invalid') for anything unusable.
 */
export async function toWhisperWav(inputPath: string, outDir: string, options: PrepareAudioOptions = {}): Promise<string> {
  const label = path.basename(inputPath);
  const buf = await readAudioFile(inputPath);
  let info: WavInfo;
  try {
    info = readWavInfo(buf);
  } catch (error) {
    throw new TranscriptionError('audio-invalid', describeWavProblem(label, error), { cause: error });
  }
  if (info.dataBytes === 0) {
    throw new TranscriptionError('audio-invalid', `${label} holds no audio (its data is empty or cut off right after the header)`);
  }
  if (info.declaredDataBytes > info.dataBytes) {
    const seconds = (info.durationMs / 1000).toFixed(1);
    options.onWarning?.(
      `${label} is cut short (${info.dataBytes} of ${info.declaredDataBytes} audio bytes); transcribing the ${seconds} s that are there`,
    );
  }
  if (isWhisperReady(info)) return inputPath;

  const { channels } = decodeWav(buf);
  const mono = downmixToMono(channels);
  const resampler = await createResampler(info.sampleRate, WHISPER_SAMPLE_RATE);
  let resampled: Float32Array;
  try {
    const parts: Float32Array[] = [];
    const block = Math.max(1, info.sampleRate * RESAMPLE_BLOCK_SECONDS);
    for (let at = 0; at < mono.length; at += block) parts.push(resampler.process(mono.subarray(at, at + block)));
    parts.push(resampler.flush());
    resampled = concatSamples(parts);
  } finally {
    resampler.destroy();
  }
  await fs.mkdir(outDir, { recursive: true });
  const outPath = path.join(outDir, `${safeStem(inputPath)}.16k.wav`);
  await fs.writeFile(outPath, encodeMonoWav(floatToInt16(resampled), WHISPER_SAMPLE_RATE));
  return outPath;
}

async function readAudioFile(inputPath: string): Promise<Buffer> {
  try {
    return await fs.readFile(inputPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new TranscriptionError('audio-invalid', `no such audio file: ${inputPath}`, { cause: error });
    if (code === 'EISDIR') throw new TranscriptionError('audio-invalid', `${inputPath} is a folder, not an audio file`, { cause: error });
    throw new TranscriptionError('audio-invalid', `cannot read ${inputPath}: ${(error as Error).message}`, { cause: error });
  }
}

function describeWavProblem(label: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (reason.startsWith('not a WAV file')) {
    return `${label} is not a WAV file: only uncompressed WAV audio can be transcribed (convert it first, e.g. with sox or ffmpeg)`;
  }
  if (/no (fmt|data) chunk|fmt chunk is/.test(reason))
    return `${label} is cut off or damaged (${reason.replace(/^not a usable WAV file: /, '')})`;
  return `${label} cannot be used: ${reason}`;
}

/** The input's name without extension, reduced to characters that are safe in any file system. */
function safeStem(inputPath: string): string {
  const stem = path.basename(inputPath, path.extname(inputPath)).replace(/[^A-Za-z0-9._-]+/g, '_');
  return stem.replace(/^[._-]+/, '').slice(0, 80) || 'audio';
}
