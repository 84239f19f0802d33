import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seeded } from '../audio/test-support';
import { decodeWav } from '../audio/wav';
import { detectSpeech, SPEECH_GATE, SPEECH_GATE_LOOKAHEAD_MS, SpeechGate, speechMsIn, type SpeechRegion } from './speech-gate';
import { speak, concat } from './speech-test-support';

const RATE = 16_000;
const PAD = SPEECH_GATE.paddingMs;
const HOLD = SPEECH_GATE.hangoverMs;
const samplesOf = (ms: number) => Math.round((ms * RATE) / 1000);

function jfk(): Float32Array {
  const { info, channels } = decodeWav(readFileSync('/work/shared/audio/jfk.wav'));
  expect(info.sampleRate).toBe(RATE);
  return channels[0] as Float32Array;
}

/** Gaussian white noise at an RMS level in dBFS, repeatable. */
function noise(ms: number, dbfs: number, seed = 1): Float32Array {
  const random = seeded(seed);
  const rms = 10 ** (dbfs / 20);
  const out = new Float32Array(samplesOf(ms));
  for (let i = 0; i < out.length; i++) {
    out[i] = rms * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  }
  return out;
}

/** A sine at an RMS level in dBFS. */
function tone(ms: number, dbfs: number, frequency = 1000): Float32Array {
  const amplitude = 10 ** (dbfs / 20) * Math.SQRT2;
  return Float32Array.from({ length: samplesOf(ms) }, (_, i) => amplitude * Math.sin((2 * Math.PI * frequency * i) / RATE));
}

/** Adds b into a (a is changed), from a sample offset. */
function mixInto(a: Float32Array, b: Float32Array, at = 0): Float32Array {
  for (let i = 0; i < b.length && at + i < a.length; i++) a[at + i] = (a[at + i] as number) + (b[i] as number);
  return a;
}

/** Pushes a signal in random pieces (1 to maxPiece samples), calling onPush after each. */
function pushInPieces(gate: SpeechGate, signal: Float32Array, seed: number, maxPiece: number, onPush?: () => void): void {
  const random = seeded(seed);
  for (let at = 0; at < signal.length;) {
    const end = Math.min(signal.length, at + 1 + Math.floor(random() * maxPiece));
    gate.push(signal.subarray(at, end));
    at = end;
    onPush?.();
  }
}

/** The regions cut off at a time: what they say about [0, untilMs). */
function before(regions: readonly SpeechRegion[], untilMs: number): SpeechRegion[] {
  return regions.filter((r) => r.startMs < untilMs).map((r) => ({ startMs: r.startMs, endMs: Math.min(r.endMs, untilMs) }));
}

const inSpeech = (regions: readonly SpeechRegion[], ms: number) => regions.some((r) => r.startMs <= ms && ms < r.endMs);

describe('SpeechGate on real speech (jfk.wav)', () => {
  it('covers the words and leaves the pauses between phrases', () => {
    const regions = detectSpeech(jfk());
    console.log('jfk.wav speech regions (ms):', JSON.stringify(regions));

    expect(regions.length).toBeGreaterThanOrEqual(3);
    expect(regions.length).toBeLessThanOrEqual(8);
    // "And so" starts at ~0.32 s (after ~0.3 s of room noise); the last word ends at ~10.3 s, the crowd after it.
    const first = regions[0] as SpeechRegion;
    const last = regions.at(-1) as SpeechRegion;
    expect(first.startMs).toBeGreaterThanOrEqual(100);
    expect(first.startMs).toBeLessThanOrEqual(450);
    expect(last.endMs).toBeGreaterThanOrEqual(10_300);
    expect(last.endMs).toBeLessThanOrEqual(11_000);
    // Inside words: "so", "Americans", "ask", "not", "your country", "for you", "ask what", "do for", "country".
    for (const ms of [600, 1_500, 3_400, 4_150, 5_900, 7_200, 8_400, 9_400, 10_100]) expect(inSpeech(regions, ms), `${ms} ms`).toBe(true);
    // The pauses after "Americans", after "not" and after "for you" hold no speech.
    expect(speechMsIn(regions, 2_450, 3_050)).toBe(0);
    expect(speechMsIn(regions, 4_600, 5_150)).toBe(0);
    expect(speechMsIn(regions, 7_800, 8_000)).toBe(0);
    const total = speechMsIn(regions, 0, 11_000);
    expect(total).toBeGreaterThan(7_000);
    expect(total).toBeLessThan(10_000);
  });

  it('finds the same speech, shifted, after 5 s of digital silence', () => {
    const regions = detectSpeech(concat(new Float32Array(samplesOf(5_000)), jfk()));
    const alone = detectSpeech(jfk());
    expect(regions.length).toBe(alone.length);
    regions.forEach((region, i) => {
      expect(Math.abs(region.startMs - 5_000 - (alone[i] as SpeechRegion).startMs)).toBeLessThanOrEqual(40);
      expect(Math.abs(region.endMs - 5_000 - (alone[i] as SpeechRegion).endMs)).toBeLessThanOrEqual(40);
    });
  });
});

describe('SpeechGate on silence and noise', () => {
  it('finds nothing in digital silence', () => {
    expect(detectSpeech(new Float32Array(samplesOf(10_000)))).toEqual([]);
  });

  it('finds nothing in -60 dBFS white noise', () => {
    expect(detectSpeech(noise(20_000, -60))).toEqual([]);
  });

  it('finds nothing in steady room noise at -45 dBFS, nor after silence that cut to it', () => {
    expect(detectSpeech(noise(20_000, -45, 2))).toEqual([]);
    // Digital silence first (an input still starting) must not drag the floor below the room.
    expect(detectSpeech(concat(new Float32Array(samplesOf(2_000)), noise(10_000, -45, 3)))).toEqual([]);
  });

  it('never calls faint sound speech, even over a very quiet floor', () => {
    // A very quiet input (-80 dBFS hiss) with a faint rustle 20 dB above it: far above the floor, but at
    // -60 dBFS it is no voice at a usable recording level.
    const signal = noise(6_000, -80, 15);
    mixInto(signal, noise(800, -60, 16), samplesOf(3_000));
    expect(detectSpeech(signal)).toEqual([]);
    // The same rustle at a speaking level is speech.
    mixInto(signal, noise(800, -30, 17), samplesOf(1_000));
    expect(detectSpeech(signal)).toHaveLength(1);
  });

  it('drops clicks', () => {
    const signal = noise(4_000, -60, 4);
    mixInto(signal, tone(5, -6), samplesOf(1_000)); // a single 5 ms click
    mixInto(signal, tone(20, -6), samplesOf(2_000)); // a double click, 150 ms apart
    mixInto(signal, tone(20, -6), samplesOf(2_150));
    expect(detectSpeech(signal)).toEqual([]);
  });
});

describe('SpeechGate timing', () => {
  it('places a 1 kHz tone burst after 5 s of silence within 100 ms (plus padding and hangover)', () => {
    const signal = concat(noise(5_000, -60, 5), noise(3_000, -60, 6));
    mixInto(signal, tone(400, -20), samplesOf(5_000));
    const regions = detectSpeech(signal);
    expect(regions).toHaveLength(1);
    const [region] = regions as [SpeechRegion];
    expect(Math.abs(region.startMs + PAD - 5_000)).toBeLessThanOrEqual(100);
    expect(Math.abs(region.endMs - HOLD - 5_400)).toBeLessThanOrEqual(100);
  });

  it('places espeak speech after 5 s of silence within 100 ms (plus padding and hangover)', () => {
    const sentence = speak('Tell me about a time you disagreed with your manager.');
    // espeak starts speaking at once and ends with ~0.3 s of silence: find its last loud sample.
    let lastLoud = sentence.length - 1;
    while (lastLoud > 0 && Math.abs(sentence[lastLoud] as number) < 0.01) lastLoud--;
    const signal = concat(new Float32Array(samplesOf(5_000)), sentence, new Float32Array(samplesOf(2_000)));
    mixInto(signal, noise(signal.length / 16, -55, 7));
    const regions = detectSpeech(signal);
    console.log('espeak sentence after 5 s:', JSON.stringify(regions), 'last loud at', 5_000 + lastLoud / 16, 'ms');
    expect(regions).toHaveLength(1);
    const [region] = regions as [SpeechRegion];
    expect(Math.abs(region.startMs + PAD - 5_000)).toBeLessThanOrEqual(100);
    expect(Math.abs(region.endMs - HOLD - (5_000 + lastLoud / 16))).toBeLessThanOrEqual(100);
  });

  it('bridges a short dip with the hangover but not a pause', () => {
    const burst = () => tone(300, -20);
    const close = concat(noise(1_000, -60, 8), burst(), noise(200, -60, 9), burst(), noise(1_000, -60, 10));
    expect(detectSpeech(close)).toHaveLength(1);
    const apart = concat(noise(1_000, -60, 11), burst(), noise(800, -60, 12), burst(), noise(1_000, -60, 13));
    const regions = detectSpeech(apart);
    expect(regions).toHaveLength(2);
    // The pause between them is 800 ms less the hangover after the first and the padding before the second.
    expect((regions[1] as SpeechRegion).startMs - (regions[0] as SpeechRegion).endMs).toBeCloseTo(800 - HOLD - PAD, -2);
  });

  it('absorbs a stationary loud sound into the noise floor after a while', () => {
    const regions = detectSpeech(concat(noise(1_000, -60, 14), tone(60_000, -25, 440)));
    console.log('60 s tone at -25 dBFS from 1 s:', JSON.stringify(regions));
    expect(regions).toHaveLength(1);
    expect((regions[0] as SpeechRegion).endMs).toBeGreaterThan(10_000);
    expect((regions[0] as SpeechRegion).endMs).toBeLessThan(40_000);
  });
});

describe('SpeechGate streaming', () => {
  const mixed = () => {
    const signal = concat(noise(3_000, -50, 20), jfk(), noise(4_000, -50, 21), jfk(), noise(1_000, -50, 22));
    mixInto(signal, tone(700, -25), samplesOf(16_000));
    return signal;
  };

  it('gives the same regions whatever the pieces the audio arrives in', () => {
    for (const [signal, name] of [
      [jfk(), 'jfk'],
      [mixed(), 'mixed'],
    ] as const) {
      const whole = detectSpeech(signal);
      expect(whole.length, name).toBeGreaterThan(0);
      for (const [seed, maxPiece] of [
        [1, 7],
        [2, 400],
        [3, 6_000],
        [4, 40_000],
      ] as const) {
        const gate = new SpeechGate();
        pushInPieces(gate, signal, seed, maxPiece);
        expect(gate.regions(), `${name} in pieces up to ${maxPiece}`).toEqual(whole);
      }
    }
  });

  it('never changes what it said about the audio more than SPEECH_GATE_LOOKAHEAD_MS old', () => {
    const signal = mixed();
    const final = detectSpeech(signal);
    const gate = new SpeechGate();
    let checks = 0;
    pushInPieces(gate, signal, 5, 4_000, () => {
      expect(gate.settledMs).toBe(Math.max(0, gate.processedMs - SPEECH_GATE_LOOKAHEAD_MS));
      expect(before(gate.regions(), gate.settledMs)).toEqual(before(final, gate.settledMs));
      checks++;
    });
    expect(checks).toBeGreaterThan(100);
  });

  it('holds that promise for the slowest region to be confirmed: sparse loud frames, each within the hangover of the last', () => {
    // One loud frame every hangover + 1 frames: the region only has minSpeechMs of loud frames at the last one.
    const frame = SPEECH_GATE.frameMs;
    const step = SPEECH_GATE.hangoverMs + frame;
    const count = Math.ceil(SPEECH_GATE.minSpeechMs / frame);
    const signal = noise(5_000 + count * step + 3_000, -60, 23);
    // 10 ms bursts in the middle of a frame, so that the high-pass filter's tail stays inside it.
    for (let i = 0; i < count; i++) mixInto(signal, tone(frame / 2, -20), samplesOf(5_000 + i * step + frame / 4));
    const final = detectSpeech(signal);
    expect(final).toEqual([{ startMs: 5_000 - PAD, endMs: 5_000 + (count - 1) * step + frame + HOLD }]);

    const gate = new SpeechGate();
    let sawItEmpty = false;
    for (let at = 0; at < signal.length; at += samplesOf(frame)) {
      gate.push(signal.subarray(at, at + samplesOf(frame)));
      const now = gate.regions();
      if (now.length === 0 && gate.processedMs > 5_000 + (count - 2) * step) sawItEmpty = true;
      expect(before(now, gate.settledMs)).toEqual(before(final, gate.settledMs));
    }
    // Until its last loud frame the region was not reported: the lookahead is not larger than it needs to be by much.
    expect(sawItEmpty).toBe(true);
    expect(5_000 - PAD).toBeGreaterThan(5_000 + (count - 1) * step - SPEECH_GATE_LOOKAHEAD_MS);
  });

  it('reports an open region up to a hangover past its last loud frame, clipped to the audio pushed', () => {
    const gate = new SpeechGate();
    gate.push(noise(1_000, -60, 24));
    gate.push(tone(500, -20));
    expect(gate.regions()).toEqual([{ startMs: 1_000 - PAD, endMs: 1_500 }]);
    gate.push(noise(100, -60, 25));
    expect(gate.regions()).toEqual([{ startMs: 1_000 - PAD, endMs: 1_600 }]);
    gate.push(noise(1_000, -60, 26));
    expect(gate.regions()).toEqual([{ startMs: 1_000 - PAD, endMs: 1_500 + HOLD }]);
  });
});

describe('SpeechGate.quietestMs', () => {
  it('finds the quietest frame in a range, or nothing outside the audio', () => {
    const signal = concat(tone(1_000, -20), noise(40, -60, 30), tone(1_000, -20));
    const gate = new SpeechGate();
    gate.push(signal);
    expect(gate.quietestMs(500, 1_500)).toBe(1_030);
    expect(gate.quietestMs(1_100, 1_500)).toBeGreaterThan(1_100);
    expect(gate.quietestMs(3_000, 4_000)).toBeUndefined();
  });
});

describe('speechMsIn', () => {
  it('sums the speech inside a range', () => {
    const regions = [
      { startMs: 100, endMs: 300 },
      { startMs: 500, endMs: 900 },
    ];
    expect(speechMsIn(regions, 0, 1_000)).toBe(600);
    expect(speechMsIn(regions, 200, 600)).toBe(200);
    expect(speechMsIn(regions, 300, 500)).toBe(0);
    expect(speechMsIn([], 0, 1_000)).toBe(0);
  });
});
