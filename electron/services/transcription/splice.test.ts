import { describe, expect, it } from 'vitest';
import { spliceSpeech, toTakeMs } from './take-transcriber';

const RATE = 16_000;
const ms = (n: number) => (n * RATE) / 1000;

describe('spliceSpeech', () => {
  it('keeps only the speech, with a 200 ms gap between regions, and maps times back to the take', () => {
    // 10 s of audio whose sample values say where they come from (sample index / 16).
    const samples = Int16Array.from({ length: ms(10_000) }, (_, i) => Math.floor(i / 16) % 32_000);
    const { audio, pieces } = spliceSpeech(samples, [
      { startMs: 1_000, endMs: 2_000 },
      { startMs: 6_000, endMs: 6_500 },
    ]);
    expect(audio.length).toBe(ms(1_000 + 200 + 500));
    expect(audio[0]).toBe(samples[ms(1_000)]);
    expect(audio[ms(1_000) - 1]).toBe(samples[ms(2_000) - 1]);
    expect([...audio.subarray(ms(1_000), ms(1_200))].every((v) => v === 0)).toBe(true);
    expect(audio[ms(1_200)]).toBe(samples[ms(6_000)]);
    expect(toTakeMs(pieces, 0)).toBe(1_000);
    expect(toTakeMs(pieces, 500)).toBe(1_500);
    expect(toTakeMs(pieces, 1_250)).toBe(6_050);
    expect(toTakeMs(pieces, 1_700)).toBe(6_500);
    // A time inside the inserted gap belongs to the next piece's start, never to the silence.
    expect(toTakeMs(pieces, 1_100)).toBe(6_000);
  });

  it('returns no audio for a chunk without speech', () => {
    const { audio, pieces } = spliceSpeech(new Int16Array(ms(5_000)), []);
    expect(audio.length).toBe(0);
    expect(pieces).toEqual([]);
  });

  it('clamps regions to the audio that exists', () => {
    const { audio } = spliceSpeech(new Int16Array(ms(1_000)), [{ startMs: 500, endMs: 3_000 }]);
    expect(audio.length).toBe(ms(500));
  });
});
