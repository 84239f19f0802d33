// Reads any uncompressed WAV as a take's 16 kHz mono samples, for the commands that analyse audio. The
// conversion is the transcribe command's (toWhisperWav: the app's WAV reader and resampler).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWavFile } from '../services/audio/wav';
import { toWhisperWav } from '../services/transcription/prepare-audio';

/**
 * The file's audio as 16 kHz mono float samples. Throws an Error whose message is the one line to print
 * (no such file, not a WAV, no audio…); a file cut short is read as far as it goes, with `onWarning`.
 */
export async function readTakeSamples(file: string, onWarning?: (message: string) => void): Promise<Float32Array> {
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-audio-'));
  try {
    const wavPath = await toWhisperWav(file, workDir, { onWarning });
    const { channels } = await readWavFile(wavPath);
    return channels[0] as Float32Array;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}
