// Reads a finished take's audio, whichever form it is kept in: a WAV (as recorded) or Ogg Opus (after
// compression, decoded back to 16 kHz). Told apart by the file's first bytes, not its name.
import { promises as fs } from 'node:fs';
import { decodeOggOpusFile, OPUS_SAMPLE_RATE } from './ogg-opus';
import { decodeWav } from './wav';

export interface TakeAudio {
  sampleRate: number;
  /** The first channel, samples in [-1, 1]. */
  samples: Float32Array;
}

export async function readTakeAudio(filePath: string): Promise<TakeAudio> {
  if (await startsWith(filePath, 'OggS')) {
    const { samples } = await decodeOggOpusFile(filePath);
    const floats = new Float32Array(samples.length);
    for (let i = 0; i < samples.length; i++) floats[i] = samples[i]! / 32768;
    return { sampleRate: OPUS_SAMPLE_RATE, samples: floats };
  }
  const { info, channels } = decodeWav(await fs.readFile(filePath));
  return { sampleRate: info.sampleRate, samples: channels[0] ?? new Float32Array(0) };
}

async function startsWith(filePath: string, magic: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const head = Buffer.alloc(magic.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.toString('latin1') === magic;
  } finally {
    await handle.close();
  }
}
