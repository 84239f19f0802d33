import { describe, expect, it } from 'vitest';
import { CLIP_SHARE, measureLevels, micVerdict, NOTHING_DB, TOO_QUIET_DB } from './mic-check-verdict';

const RATE = 16_000;

/** A 440 Hz tone of the given peak amplitude for `speechSec`, after `silenceSec` of silence. */
function tone(amplitude: number, speechSec: number, silenceSec = 0): Float32Array {
  const silence = Math.round(silenceSec * RATE);
  const samples = new Float32Array(silence + Math.round(speechSec * RATE));
  for (let i = silence; i < samples.length; i++) samples[i] = amplitude * Math.sin((2 * Math.PI * 440 * i) / RATE);
  return samples;
}

describe('measuring the check', () => {
  it('measures the speech, not the silence around it', () => {
    // A sine's RMS is peak / √2: -3 dB below its peak. Half a second of silence first does not lower it.
    const levels = measureLevels(tone(0.5, 4.5, 0.5), RATE);
    expect(levels.speechDb).toBeCloseTo(20 * Math.log10(0.5 / Math.SQRT2), 1);
    expect(levels.peakDb).toBeCloseTo(20 * Math.log10(0.5), 1);
    expect(levels.clippedShare).toBe(0);
  });

  it('counts samples at full scale as clipped', () => {
    const samples = tone(0.5, 1);
    samples.fill(1, 0, 1000);
    expect(measureLevels(samples, RATE).clippedShare).toBeCloseTo(1000 / RATE, 5);
  });

  it('reads nothing as silence', () => {
    expect(measureLevels(new Float32Array(RATE), RATE)).toEqual({ speechDb: -Infinity, peakDb: -Infinity, clippedShare: 0 });
    expect(measureLevels(new Float32Array(0), RATE).speechDb).toBe(-Infinity);
  });
});

describe('the verdict in words', () => {
  it('is fine for a normal voice, and says so', () => {
    const verdict = micVerdict(measureLevels(tone(0.3, 4.5, 0.5), RATE));
    expect(verdict.kind).toBe('fine');
    expect(verdict.words).toMatch(/^Fine/);
  });

  it('is too quiet below the threshold, and nothing below the floor', () => {
    expect(micVerdict({ speechDb: TOO_QUIET_DB - 0.1, peakDb: -30, clippedShare: 0 }).kind).toBe('too-quiet');
    expect(micVerdict({ speechDb: TOO_QUIET_DB + 0.1, peakDb: -25, clippedShare: 0 }).kind).toBe('fine');
    expect(micVerdict({ speechDb: NOTHING_DB - 0.1, peakDb: -50, clippedShare: 0 }).kind).toBe('nothing');
    expect(micVerdict(measureLevels(new Float32Array(RATE * 5), RATE)).words).toMatch(/^Almost nothing was heard \(silence\)/);
    expect(micVerdict(measureLevels(tone(0.02, 4.5, 0.5), RATE)).words).toMatch(/^Too quiet \(-37 dB\)/);
  });

  it('reports clipping first, however loud the rest is', () => {
    const clipped = tone(1.4, 4.5).map((x) => Math.max(-1, Math.min(1, x)));
    expect(micVerdict(measureLevels(clipped, RATE)).kind).toBe('clipping');
    expect(micVerdict({ speechDb: -20, peakDb: 0, clippedShare: CLIP_SHARE }).kind).toBe('clipping');
    // One stray full-scale sample is not clipping.
    expect(micVerdict({ speechDb: -20, peakDb: 0, clippedShare: CLIP_SHARE / 10 }).kind).toBe('fine');
  });
});
