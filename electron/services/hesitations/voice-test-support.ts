// Synthetic voices for the hesitation tests: a pulse train at the voice's pitch through formant resonators
// (a Klatt-style cascade), 16 kHz mono float, with a faint seeded room noise so silence is not digital zero.
import { seeded } from '../audio/test-support';

export const RATE = 16_000;

export interface VoiceSpec {
  ms: number;
  /** Pitch at the start and at the end (a straight line in semitones between them). */
  f0Hz: number | [number, number];
  /** Formant frequencies and bandwidths in Hz; with [from, to] the formant glides across the sound. */
  formants: { hz: number | [number, number]; bandwidth: number }[];
  /** RMS level, dBFS (default -20). */
  levelDb?: number;
}

/** An open vowel like "uh" (/ʌ/: F1 700, F2 1200, F3 2600). */
export const UH_FORMANTS = [
  { hz: 700, bandwidth: 90 },
  { hz: 1220, bandwidth: 110 },
  { hz: 2600, bandwidth: 160 },
];
/** A nasal murmur like "mm": one strong low resonance, the rest weak and wide. */
export const HUM_FORMANTS = [
  { hz: 250, bandwidth: 60 },
  { hz: 1000, bandwidth: 400 },
];

export function voice(spec: VoiceSpec): Float32Array {
  const n = Math.round((spec.ms / 1000) * RATE);
  const out = new Float32Array(n);
  const [f0From, f0To] = typeof spec.f0Hz === 'number' ? [spec.f0Hz, spec.f0Hz] : spec.f0Hz;
  let phase = 0;
  let glottal = 0;
  const states = spec.formants.map(() => ({ y1: 0, y2: 0 }));
  for (let i = 0; i < n; i++) {
    const progress = n > 1 ? i / (n - 1) : 0;
    const f0 = f0From * (f0To / f0From) ** progress;
    phase += f0 / RATE;
    let x = 0;
    if (phase >= 1) {
      phase -= 1;
      x = 1;
    }
    glottal = 0.9 * glottal + x; // the glottal pulse's roll-off
    let y = glottal;
    spec.formants.forEach((formant, k) => {
      const [from, to] = typeof formant.hz === 'number' ? [formant.hz, formant.hz] : formant.hz;
      const hz = from + (to - from) * progress;
      const r = Math.exp((-Math.PI * formant.bandwidth) / RATE);
      const b1 = 2 * r * Math.cos((2 * Math.PI * hz) / RATE);
      const b2 = -r * r;
      const state = states[k] as { y1: number; y2: number };
      const v = (1 - b1 - b2) * y + b1 * state.y1 + b2 * state.y2;
      state.y2 = state.y1;
      state.y1 = v;
      y = v;
    });
    out[i] = y;
  }
  return scaleTo(out, spec.levelDb ?? -20);
}

export function silence(ms: number): Float32Array {
  return new Float32Array(Math.round((ms / 1000) * RATE));
}

/** White noise at `levelDb` dBFS RMS (seeded: the same every run). */
export function noise(ms: number, levelDb: number, seed = 1): Float32Array {
  return noiseOf(Math.round((ms / 1000) * RATE), levelDb, seed);
}

function noiseOf(length: number, levelDb: number, seed: number): Float32Array {
  const random = seeded(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < out.length; i++) out[i] = (random() - 0.5) * 2 * Math.sqrt(3);
  return scaleTo(out, levelDb);
}

/** The parts one after another, with a -70 dBFS room noise under all of it. */
export function take(...parts: Float32Array[]): Float32Array {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  const out = noiseOf(length, -70, 7);
  let at = 0;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) out[at + i] = (out[at + i] as number) + (part[i] as number);
    at += part.length;
  }
  return out;
}

function scaleTo(samples: Float32Array, levelDb: number): Float32Array {
  let sum = 0;
  for (const v of samples) sum += v * v;
  const rms = Math.sqrt(sum / Math.max(1, samples.length));
  const factor = rms > 0 ? 10 ** (levelDb / 20) / rms : 0;
  return samples.map((v) => v * factor);
}
