import { describe, expect, it } from 'vitest';
import { createResampler, downmixToMono } from './resampler';
import { concatSamples, maxDifference, seeded } from './test-support';

const OUT_RATE = 16_000;

function sine(frequency: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / rate));
}

async function resample(input: Float32Array, inputRate: number, chunkSizes: () => number): Promise<Float32Array> {
  const resampler = await createResampler(inputRate, OUT_RATE);
  const parts: Float32Array[] = [];
  for (let at = 0; at < input.length;) {
    const end = Math.min(input.length, at + chunkSizes());
    parts.push(resampler.process(input.subarray(at, end)));
    at = end;
  }
  parts.push(resampler.flush());
  resampler.destroy();
  return concatSamples(parts);
}

/** The middle of a signal, away from the filter's start and end transients. */
const middle = (signal: Float32Array) => signal.subarray(Math.floor(signal.length * 0.1), Math.floor(signal.length * 0.9));

function rms(signal: Float32Array): number {
  return Math.sqrt(signal.reduce((sum, v) => sum + v * v, 0) / signal.length);
}

/** Frequency from the number of upward zero crossings, interpolated to the sample. */
function zeroCrossingFrequency(signal: Float32Array, rate: number): number {
  const crossings: number[] = [];
  for (let i = 1; i < signal.length; i++) {
    const a = signal[i - 1] as number;
    const b = signal[i] as number;
    if (a < 0 && b >= 0) crossings.push(i - 1 + a / (a - b));
  }
  const first = crossings[0] as number;
  const last = crossings.at(-1) as number;
  return ((crossings.length - 1) * rate) / (last - first);
}

describe('createResampler', () => {
  for (const inputRate of [44_100, 48_000]) {
    for (const frequency of [440, 3000]) {
      it(`turns a ${frequency} Hz sine at ${inputRate} Hz into the same sine at 16 kHz, in time`, async () => {
        const input = sine(frequency, inputRate, 2);
        const random = seeded(frequency + inputRate);
        const output = await resample(input, inputRate, () => 1 + Math.floor(random() * 12_000));

        expect(output.length).toBe(Math.round((input.length * OUT_RATE) / inputRate));
        expect(zeroCrossingFrequency(middle(output), OUT_RATE)).toBeCloseTo(frequency, 0);
        expect(rms(middle(output)) * Math.SQRT2).toBeGreaterThan(0.5 * 0.98);
        expect(rms(middle(output)) * Math.SQRT2).toBeLessThan(0.5 * 1.02);
        // No delay: sample k is the input signal at time k / 16000.
        expect(maxDifference(middle(output), middle(sine(frequency, OUT_RATE, 2)))).toBeLessThan(1e-4);
      });
    }

    it(`attenuates a 10 kHz tone at ${inputRate} Hz by more than 40 dB (anti-aliasing)`, async () => {
      const output = await resample(sine(10_000, inputRate, 1), inputRate, () => 4096);
      const attenuationDb = 20 * Math.log10(rms(middle(output)) / (0.5 / Math.SQRT2));
      expect(attenuationDb).toBeLessThan(-40);
    });
  }

  it('gives sample-for-sample the same output for random chunk sizes as for one chunk', async () => {
    const random = seeded(7);
    const noise = Float32Array.from({ length: 44_100 * 3 }, () => random() * 1.6 - 0.8);
    const whole = await resample(noise, 44_100, () => noise.length);
    for (const seed of [1, 2]) {
      const chunkRandom = seeded(seed);
      const chunked = await resample(noise, 44_100, () => 1 + Math.floor(chunkRandom() * 3000));
      expect(chunked.length).toBe(whole.length);
      expect(chunked.length).toBe(48_000);
      expect(maxDifference(chunked, whole)).toBeLessThanOrEqual(1e-6);
    }
  });

  it('holds back only the filter look-ahead before flush', async () => {
    const resampler = await createResampler(48_000, OUT_RATE);
    const early = resampler.process(sine(440, 48_000, 1)).length;
    expect(early).toBeGreaterThan(16_000 - 200);
    expect(early).toBeLessThan(16_000);
    expect(resampler.flush().length).toBe(16_000 - early);
    expect(() => resampler.process(new Float32Array(10))).toThrow(/already flushed/);
    resampler.destroy();
  });

  it('passes samples through unchanged when the rates are equal', async () => {
    const resampler = await createResampler(16_000);
    const input = sine(440, 16_000, 0.1);
    const output = resampler.process(input);
    expect(output).toEqual(input);
    expect(output).not.toBe(input);
    expect(resampler.flush()).toHaveLength(0);
    resampler.destroy();
  });
});

describe('downmixToMono', () => {
  it('averages the channels', () => {
    expect([...downmixToMono([Float32Array.of(1, 0.5, -1), Float32Array.of(0, 0.5, 0)])]).toEqual([0.5, 0.5, -0.5]);
    expect([...downmixToMono([Float32Array.of(0.75), Float32Array.of(0), Float32Array.of(-0.75)])]).toEqual([0]);
    expect([...downmixToMono([Float32Array.of(0.75), Float32Array.of(0.75), Float32Array.of(0)])]).toEqual([0.5]);
  });

  it('keeps identical channels exactly', () => {
    const channel = Float32Array.of(0.1, -0.3, 0.7);
    expect(downmixToMono([channel, channel.slice()])).toEqual(channel);
  });

  it('returns a single channel as it is', () => {
    const channel = Float32Array.of(0.25);
    expect(downmixToMono([channel])).toBe(channel);
  });

  it('refuses channels of different lengths or none', () => {
    expect(() => downmixToMono([new Float32Array(2), new Float32Array(3)])).toThrow(/differ in length/);
    expect(() => downmixToMono([])).toThrow(/at least one channel/);
  });
});
