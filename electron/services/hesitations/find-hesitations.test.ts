// findHesitations on synthetic voices: what it must hear (a held vowel, a hum, "uh" then "mm") and what it
// must not (pitch or formants that move, short vowels, endless tones, silence, noise), and what a
// transcript changes.
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../shared/contract';
import { findHesitations, heardFillerCount, type Hesitation } from './find-hesitations';
import { HUM_FORMANTS, noise, silence, take, UH_FORMANTS, voice } from './voice-test-support';

const uh = (ms: number, f0Hz: number | [number, number] = 110) => voice({ ms, f0Hz, formants: UH_FORMANTS });
const hum = (ms: number, f0Hz = 110) => voice({ ms, f0Hz, formants: HUM_FORMANTS, levelDb: -26 });

/** One word per [text, startMs, endMs], in one segment. */
function transcript(...words: [string, number, number][]): Transcript {
  return {
    segments: [
      {
        startMs: words[0]?.[1] ?? 0,
        endMs: words.at(-1)?.[2] ?? 0,
        text: words.map(([text]) => text).join(' '),
        words: words.map(([text, startMs, endMs]) => ({ text: ` ${text}`, startMs, endMs })),
      },
    ],
  };
}

/** The one hesitation found, checked to lie within ±60 ms of [startMs, endMs]. */
function expectOne(found: Hesitation[], startMs: number, endMs: number): Hesitation {
  expect(found).toHaveLength(1);
  const [h] = found as [Hesitation];
  expect(Math.abs(h.startMs - startMs)).toBeLessThanOrEqual(60);
  expect(Math.abs(h.endMs - endMs)).toBeLessThanOrEqual(60);
  expect(h.score).toBeGreaterThan(0);
  expect(h.score).toBeLessThanOrEqual(1);
  return h;
}

describe('findHesitations: what is heard', () => {
  it('hears a held open vowel as "uh", where it is', () => {
    const h = expectOne(findHesitations(take(silence(300), uh(600), silence(300))), 300, 900);
    expect(h).toMatchObject({ kind: 'uh', transcribed: false });
    expect(h).not.toHaveProperty('word');
  });

  it('hears a held vowel at a high (220 Hz) and a low (75 Hz) pitch', () => {
    expect(findHesitations(take(silence(300), uh(500, 220), silence(300)))).toMatchObject([{ kind: 'uh' }]);
    expect(findHesitations(take(silence(300), uh(500, 75), silence(300)))).toMatchObject([{ kind: 'uh' }]);
  });

  it('hears a hum ("mm") as "um"', () => {
    expect(expectOne(findHesitations(take(silence(300), hum(500), silence(300))), 300, 800).kind).toBe('um');
  });

  it('hears "uh" running into a hum as one "um"', () => {
    const h = expectOne(findHesitations(take(silence(300), uh(350), hum(300), silence(300))), 300, 950);
    expect(h.kind).toBe('um');
  });

  it('a longer, steadier hold scores higher', () => {
    const [short] = findHesitations(take(silence(300), uh(250), silence(300)));
    const [long] = findHesitations(take(silence(300), uh(700), silence(300)));
    expect(short && long && long.score > short.score).toBe(true);
  });

  it('finds each of several fillers between stretches of other sound', () => {
    const found = findHesitations(take(silence(200), uh(400), noise(500, -30), hum(400), silence(400), uh(450, 150), silence(200)));
    expect(found.map((h) => h.kind)).toEqual(['uh', 'um', 'uh']);
  });
});

describe('findHesitations: what is not', () => {
  it('a vowel whose pitch glides (110 → 180 Hz) is speech, not a filler', () => {
    expect(findHesitations(take(silence(300), uh(600, [110, 180]), silence(300)))).toEqual([]);
  });

  it('a glide between vowels at a steady pitch (a diphthong, "oy") is not one', () => {
    const diphthong = voice({
      ms: 600,
      f0Hz: 110,
      formants: [
        { hz: [550, 300], bandwidth: 90 },
        { hz: [900, 2200], bandwidth: 110 },
        { hz: 2700, bandwidth: 160 },
      ],
    });
    expect(findHesitations(take(silence(300), diphthong, silence(300)))).toEqual([]);
  });

  it('a vowel of 100 ms is too short, a tone of 3 s too long', () => {
    expect(findHesitations(take(silence(300), uh(100), silence(300)))).toEqual([]);
    expect(findHesitations(take(silence(300), uh(3000), silence(300)))).toEqual([]);
  });

  it('silence, digital silence, noise and an empty take give nothing', () => {
    expect(findHesitations(take(silence(2000)))).toEqual([]);
    expect(findHesitations(new Float32Array(32_000))).toEqual([]);
    expect(findHesitations(take(noise(2000, -25)))).toEqual([]);
    expect(findHesitations(new Float32Array(0))).toEqual([]);
    expect(findHesitations(new Float32Array(100))).toEqual([]);
  });

  it('refuses samples at another rate than 16 kHz', () => {
    expect(() => findHesitations(new Float32Array(48_000), { sampleRate: 48_000 })).toThrow(/16000 Hz samples, got 48000 Hz/);
    expect(findHesitations(new Float32Array(16_000), { sampleRate: 16_000 })).toEqual([]);
  });
});

describe('findHesitations with a transcript', () => {
  const held = take(silence(300), uh(600), silence(300)); // heard at 300-900 ms

  it('a held vowel inside a recognised word marks the word drawn-out, never a filler', () => {
    const found = findHesitations(held, { transcript: transcript(['I', 100, 250], ['so', 280, 920], ['think', 950, 1150]) });
    expect(found).toMatchObject([{ kind: 'drawn-out', word: 'so', transcribed: false }]);
    expect(heardFillerCount(found)).toBe(0);
  });

  it('a short steady vowel inside a word is an ordinary vowel and is dropped', () => {
    const short = take(silence(300), uh(200), silence(300)); // heard at about 300-500 ms
    expect(findHesitations(short)).toHaveLength(1);
    expect(findHesitations(short, { transcript: transcript(['card', 250, 560]) })).toEqual([]);
  });

  it('a candidate on a transcribed filler is that filler: kept once, marked transcribed', () => {
    // whisper's times are loose: the word is 80 ms off the sound and still matches
    const found = findHesitations(held, { transcript: transcript(['well', 0, 200], ['um,', 380, 980], ['yes', 1000, 1200]) });
    expect(found).toMatchObject([{ kind: 'uh', transcribed: true, word: 'um,' }]);
    expect(heardFillerCount(found)).toBe(0);
  });

  it('a candidate between recognised words stands: heard, not in the transcript', () => {
    const found = findHesitations(held, { transcript: transcript(['well', 0, 280], ['yes', 920, 1200]) });
    expect(found).toMatchObject([{ kind: 'uh', transcribed: false }]);
    expect(heardFillerCount(found)).toBe(1);
  });

  it('without words (no transcript, or nothing recognised) candidates stand on their own', () => {
    for (const t of [undefined, null, { segments: [] }, transcript()]) {
      expect(findHesitations(held, { transcript: t })).toMatchObject([{ kind: 'uh', transcribed: false }]);
    }
  });

  it('two candidates on one transcribed filler are counted once', () => {
    const twice = take(silence(300), uh(300), silence(120), uh(300, 160), silence(300)); // two holds, 300-600 and 720-1020
    expect(findHesitations(twice)).toHaveLength(2);
    const found = findHesitations(twice, { transcript: transcript(['uhh', 300, 1020]) });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ transcribed: true, word: 'uhh' });
    expect(found[0]?.startMs).toBeLessThanOrEqual(320);
    expect(found[0]?.endMs).toBeGreaterThanOrEqual(1000);
  });

  it('two held vowels in one recognised word mark it drawn-out once', () => {
    const twice = take(silence(300), uh(300), silence(120), uh(300, 160), silence(300));
    const found = findHesitations(twice, { transcript: transcript(['well', 280, 1040]) });
    expect(found).toMatchObject([{ kind: 'drawn-out', word: 'well', transcribed: false }]);
    expect(found[0]?.endMs).toBeGreaterThanOrEqual(1000);
  });
});
