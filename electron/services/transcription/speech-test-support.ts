// Test signals for the speech gate and the chunk planner: real synthetic speech (espeak-ng, resampled
// by sox) and seeded noise, all 16 kHz mono floats.
import { spawnSync } from 'node:child_process';
import { concatSamples } from '../audio/test-support';
import { decodeWav } from '../audio/wav';

export const RATE = 16_000;

/** A sentence spoken by espeak-ng, resampled to 16 kHz by sox (repeatable dither). */
export function speak(text: string): Float32Array {
  const spoken = spawnSync('espeak-ng', ['--stdout', text], { maxBuffer: 64 << 20 });
  if (spoken.status !== 0) throw new Error(`espeak-ng failed: ${spoken.stderr?.toString() ?? spoken.error}`);
  const resampled = spawnSync('sox', ['-R', '-t', 'wav', '-', '-r', String(RATE), '-c', '1', '-b', '16', '-t', 'wav', '-'], {
    input: spoken.stdout,
    maxBuffer: 64 << 20,
  });
  if (resampled.status !== 0) throw new Error(`sox failed: ${resampled.stderr?.toString() ?? resampled.error}`);
  return decodeWav(resampled.stdout).channels[0] as Float32Array;
}

export function concat(...parts: Float32Array[]): Float32Array {
  return concatSamples(parts);
}
