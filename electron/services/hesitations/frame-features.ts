// What the hesitation finder knows about each 20 ms of a take: level, voicing and pitch, a smoothed
// spectral envelope (mel cepstrum) and how much of the energy lies low (a nasal hum's mark).
//
// Method: the 16 kHz take is halved to 8 kHz (decimate.ts) and high-passed at 60 Hz (DC and rumble). Frames
// of 40 ms (320 samples), every 20 ms. Every frame's level is computed; only frames within
// gateBelowLoudestDb of the take's loud frames (its 95th percentile level), and above the speech gate's
// absolute floor, get the rest, so pauses cost almost nothing:
//   - one 512-point FFT of the Hann-windowed frame gives the power spectrum;
//   - 20 triangular mel bands (80-3800 Hz), in dB, then a DCT: cepstral coefficients 1-12 (c0, the level,
//     is left out), a spectral envelope that ignores loudness and most of the harmonic ripple;
//   - lowShare: the share of 80-3800 Hz energy below 450 Hz. A nasal murmur ("mm") puts most of its energy
//     at its first resonance around 250-300 Hz with little above; an open vowel ("uh", F1 at 500-750 Hz) has
//     most of it higher;
//   - pitch: the power spectrum up to 2 kHz (a raised-cosine roll-off from 1.5 kHz), inverse-transformed
//     as a 4 kHz signal, is the frame's autocorrelation (Wiener-Khinchin), divided by the window's own
//     autocorrelation (Boersma 1993). Its highest peak between 2.5 and 14.3 ms (400-70 Hz) is the period,
//     unless a shorter lag peaks at 90 % of it (a sub-octave is the usual error), refined by a parabola.
//     The peak's height (0-1) is the voicing.
// fft.js does the transforms (see the commit that added it): two FFTs per analysed frame, about 10 µs.
import FFT from 'fft.js';
import { SPEECH_GATE } from '../transcription/speech-gate';
import { decimateByTwo } from './decimate';

export const FRAME_ANALYSIS = {
  /** The take's rate: the app records at 16 kHz. */
  sampleRate: 16_000,
  /** After decimate.ts. */
  analysisRate: 8_000,
  hopMs: 20,
  /** 40 ms: two periods of a 50 Hz voice, and short enough for a filler's 150 ms to hold several frames. */
  windowSamples: 320,
  fftSize: 512,
  highPassHz: 60,
  minF0Hz: 70,
  maxF0Hz: 400,
  /** Pitch looks at the spectrum up to this (the strong low harmonics); rolled off from pitchTaperHz. */
  pitchBandHz: 2000,
  pitchTaperHz: 1500,
  /** A shorter lag whose peak is this share of the best wins: avoids reading a sub-octave. */
  octavePreference: 0.9,
  melBands: 20,
  melLowHz: 80,
  melHighHz: 3800,
  cepstra: 12,
  nasalSplitHz: 450,
  /** Frames quieter than this are never analysed: the app's speech gate's own floor (-55 dBFS). */
  absoluteMinDbfs: SPEECH_GATE.absoluteMinDbfs,
  /** …nor frames this far below the take's loud frames (its 95th percentile level). */
  gateBelowLoudestDb: 30,
} as const;

const A = FRAME_ANALYSIS;
const HOP = (A.analysisRate * A.hopMs) / 1000;
const W = A.windowSamples;
const N = A.fftSize;
/** The pitch autocorrelation's size: spectrum bins 0..N/4 (0-2 kHz) read as a 4 kHz signal. */
const P = N / 2;
const PITCH_RATE = A.analysisRate / 2;
const MIN_LAG = Math.floor(PITCH_RATE / A.maxF0Hz);
const MAX_LAG = Math.ceil(PITCH_RATE / A.minF0Hz);
const BIN_HZ = A.analysisRate / N;

export interface FrameFeatures {
  count: number;
  /** Frame k covers [k·hopMs, k·hopMs + 40 ms) of the take; its time is its centre (frameCentreMs). */
  hopMs: number;
  /** RMS level, dBFS, of every frame. */
  levelDb: Float32Array;
  /** 1 when the frame passed the level gate and was analysed; the fields below are 0 otherwise. */
  analysed: Uint8Array;
  /** Autocorrelation peak, 0-1 (about 0.9 for a steady vowel, under 0.4 for noise). */
  voicing: Float32Array;
  /** Pitch estimate in Hz (meaningful where voicing is high). */
  f0Hz: Float32Array;
  /** count × cepstra mel-cepstral coefficients c1..c12. */
  cepstrum: Float32Array;
  /** Share of the 80-3800 Hz energy below 450 Hz. */
  lowShare: Float32Array;
}

export function frameCentreMs(frame: number): number {
  return frame * A.hopMs + ((W / 2) * 1000) / A.analysisRate;
}

/** The frames of a 16 kHz mono take. */
export function analyseFrames(samples: Float32Array): FrameFeatures {
  const x = decimateByTwo(samples);
  highPass(x);
  const count = x.length >= W ? Math.floor((x.length - W) / HOP) + 1 : 0;
  const features: FrameFeatures = {
    count,
    hopMs: A.hopMs,
    levelDb: new Float32Array(count),
    analysed: new Uint8Array(count),
    voicing: new Float32Array(count),
    f0Hz: new Float32Array(count),
    cepstrum: new Float32Array(count * A.cepstra),
    lowShare: new Float32Array(count),
  };
  for (let k = 0; k < count; k++) {
    let energy = 0;
    for (let i = k * HOP, end = i + W; i < end; i++) energy += (x[i] as number) * (x[i] as number);
    features.levelDb[k] = 10 * Math.log10(energy / W + 1e-12);
  }
  const gateDb = Math.max(A.absoluteMinDbfs, percentile(features.levelDb, 0.95) - A.gateBelowLoudestDb);
  const analyser = new FrameAnalyser();
  for (let k = 0; k < count; k++) {
    if ((features.levelDb[k] as number) >= gateDb) analyser.analyse(x, k, features);
  }
  return features;
}

function highPass(x: Float64Array): void {
  const rc = 1 / (2 * Math.PI * A.highPassHz);
  const a = rc / (rc + 1 / A.analysisRate);
  let previousIn = 0;
  let previousOut = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    previousOut = a * (previousOut + v - previousIn);
    previousIn = v;
    x[i] = previousOut;
  }
}

function percentile(values: Float32Array, q: number): number {
  if (values.length === 0) return -Infinity;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.floor(q * (sorted.length - 1))] as number;
}

/** The per-frame work, with its buffers and tables made once per take. */
class FrameAnalyser {
  private readonly fft = new FFT(N);
  private readonly pitchFft = new FFT(P);
  private readonly hann = new Float64Array(W);
  private readonly frame = new Float64Array(N);
  private readonly spectrum = new Float64Array(2 * N);
  private readonly power = new Float64Array(N / 2 + 1);
  private readonly lowPower = new Float64Array(P);
  private readonly acf = new Float64Array(2 * P);
  private readonly taper = new Float64Array(P / 2 + 1);
  private readonly windowAcf = new Float64Array(MAX_LAG + 2);
  private readonly normalised = new Float64Array(MAX_LAG + 2);
  private readonly bank = melBank();
  private readonly dct = new Float64Array(A.cepstra * A.melBands);
  private readonly bandDb = new Float64Array(A.melBands);

  constructor() {
    for (let i = 0; i < W; i++) this.hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / W);
    for (let k = 0; k <= P / 2; k++) {
      const hz = k * BIN_HZ;
      this.taper[k] = hz <= A.pitchTaperHz ? 1 : 0.5 + 0.5 * Math.cos((Math.PI * (hz - A.pitchTaperHz)) / (A.pitchBandHz - A.pitchTaperHz));
    }
    for (let c = 0; c < A.cepstra; c++) {
      for (let b = 0; b < A.melBands; b++) {
        this.dct[c * A.melBands + b] = (2 / A.melBands) * Math.cos((Math.PI * (c + 1) * (b + 0.5)) / A.melBands);
      }
    }
    // the window's own autocorrelation, through the same band-limited path, to normalise each frame's
    this.frame.fill(0);
    this.frame.set(this.hann);
    this.powerSpectrum();
    this.autocorrelation();
    const r0 = this.acf[0] as number;
    for (let lag = 0; lag < this.windowAcf.length; lag++) this.windowAcf[lag] = (this.acf[2 * lag] as number) / r0;
  }

  analyse(x: Float64Array, k: number, out: FrameFeatures): void {
    out.analysed[k] = 1;
    const start = k * HOP;
    let mean = 0;
    for (let i = 0; i < W; i++) mean += x[start + i] as number;
    mean /= W;
    for (let i = 0; i < W; i++) this.frame[i] = ((x[start + i] as number) - mean) * (this.hann[i] as number);
    this.frame.fill(0, W);
    this.powerSpectrum();

    const power = this.power;
    const lowBin = Math.round(A.melLowHz / BIN_HZ);
    const highBin = Math.round(A.melHighHz / BIN_HZ);
    const splitBin = Math.round(A.nasalSplitHz / BIN_HZ);
    let low = 0;
    let all = 0;
    for (let bin = lowBin; bin <= highBin; bin++) {
      all += power[bin] as number;
      if (bin < splitBin) low += power[bin] as number;
    }
    out.lowShare[k] = all > 0 ? low / all : 0;

    for (let b = 0; b < A.melBands; b++) {
      const { first, weights } = this.bank[b] as MelFilter;
      let energy = 0;
      for (let i = 0; i < weights.length; i++) energy += (weights[i] as number) * (power[first + i] as number);
      this.bandDb[b] = 10 * Math.log10(energy + 1e-10);
    }
    for (let c = 0; c < A.cepstra; c++) {
      let sum = 0;
      for (let b = 0; b < A.melBands; b++) sum += (this.dct[c * A.melBands + b] as number) * (this.bandDb[b] as number);
      out.cepstrum[k * A.cepstra + c] = sum;
    }

    this.autocorrelation();
    const r0 = this.acf[0] as number;
    if (!(r0 > 0)) return;
    const r = this.normalised;
    for (let lag = MIN_LAG - 1; lag <= MAX_LAG + 1; lag++) r[lag] = (this.acf[2 * lag] as number) / r0 / (this.windowAcf[lag] as number);
    const isPeak = (lag: number) => (r[lag] as number) >= (r[lag - 1] as number) && (r[lag] as number) >= (r[lag + 1] as number);
    let bestLag = 0;
    let best = 0;
    for (let lag = MIN_LAG; lag <= MAX_LAG; lag++) {
      if ((r[lag] as number) > best && isPeak(lag)) {
        best = r[lag] as number;
        bestLag = lag;
      }
    }
    if (bestLag === 0) return;
    for (let lag = MIN_LAG; lag < bestLag * 0.75; lag++) {
      if ((r[lag] as number) >= A.octavePreference * best && isPeak(lag)) {
        bestLag = lag;
        best = r[lag] as number;
        break;
      }
    }
    const y0 = r[bestLag - 1] as number;
    const y1 = r[bestLag] as number;
    const y2 = r[bestLag + 1] as number;
    const curvature = y0 - 2 * y1 + y2;
    const shift = curvature < 0 ? (0.5 * (y0 - y2)) / curvature : 0;
    out.voicing[k] = Math.min(1, best);
    out.f0Hz[k] = PITCH_RATE / (bestLag + shift);
  }

  /** power[bin] = |FFT(frame)|², bins 0..N/2. */
  private powerSpectrum(): void {
    this.fft.realTransform(this.spectrum, this.frame);
    for (let bin = 0; bin <= N / 2; bin++) {
      const re = this.spectrum[2 * bin] as number;
      const im = this.spectrum[2 * bin + 1] as number;
      this.power[bin] = re * re + im * im;
    }
  }

  /** acf[2·lag] = the autocorrelation at lag/4000 s of the frame band-limited to 2 kHz. */
  private autocorrelation(): void {
    const half = P / 2;
    for (let bin = 0; bin <= half; bin++) {
      const v = (this.power[bin] as number) * (this.taper[bin] as number);
      this.lowPower[bin] = v;
      if (bin > 0 && bin < half) this.lowPower[P - bin] = v;
    }
    this.pitchFft.realTransform(this.acf, this.lowPower);
  }
}

interface MelFilter {
  first: number;
  weights: Float64Array;
}

function melBank(): MelFilter[] {
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const low = mel(A.melLowHz);
  const high = mel(A.melHighHz);
  const edges = Array.from({ length: A.melBands + 2 }, (_, i) => hz(low + ((high - low) * i) / (A.melBands + 1)));
  return Array.from({ length: A.melBands }, (_, b) => {
    const [left, centre, right] = [edges[b] as number, edges[b + 1] as number, edges[b + 2] as number];
    const first = Math.ceil(left / BIN_HZ);
    const last = Math.max(first, Math.floor(right / BIN_HZ));
    const weights = new Float64Array(last - first + 1);
    for (let bin = first; bin <= last; bin++) {
      const f = bin * BIN_HZ;
      weights[bin - first] = Math.max(0, f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre));
    }
    return { first, weights };
  });
}
