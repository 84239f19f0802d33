// Proves, for end-to-end tests, that a WAV the app saved from Chromium's fake microphone is the same speech as
// the file that was fed in, with nothing dropped or inserted. "Has audio" or "about the right length" would pass
// a recording with a lost chunk, a gap or a pitch shift; this does not. The recording is offset by an unknown
// start latency (and by a fraction of a sample after two resamplings), so we find ONE global offset by FFT
// cross-correlation, refine it to sub-sample precision, shift the recording by it, and then require every
// 1-second speech segment of the reference to correlate with the recording at that same offset. A 10 ms gap
// anywhere shifts everything after it and fails. Correlation is normalised per segment, so gain and DC do not
// matter. Requires `sox` on PATH.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const RATE = 16000;
const execFileAsync = promisify(execFile);

export interface SpeechComparison {
  recordedDurationMs: number;
  referenceDurationMs: number;
  recordedSampleRate: number;
  recordedChannels: number;
  /** Where the reference starts in the recording: recorded(t + offset) ≈ reference(t). */
  offsetMs: number;
  /** Speech segments of the reference only (silent ones are skipped). */
  segments: { startSec: number; rms: number; correlation: number }[];
  minSpeechCorrelation: number;
}

export interface CompareOptions {
  /** Range of offsets searched, recorded relative to reference. Default -0.5 .. 3 s. */
  minOffsetSec?: number;
  maxOffsetSec?: number;
  /** Segment length, default 1 s. */
  segmentSec?: number;
  /** A segment is speech if its RMS is within this many dB of the loudest segment (default -30)... */
  speechDb?: number;
  /** ...and above this absolute RMS, full scale = 1 (default 1e-3). */
  minRms?: number;
}

async function sox(args: string[]): Promise<void> {
  try {
    await execFileAsync('sox', args);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr;
    throw new Error(`sox ${args.join(' ')} failed: ${stderr || (error instanceof Error ? error.message : String(error))}`, {
      cause: error,
    });
  }
}

/** Adds leadSec of silence before and tailSec after, keeping the input's rate, channels and sample format. */
export async function padWithSilence(input: string, output: string, leadSec: number, tailSec: number): Promise<void> {
  if (!(leadSec >= 0 && tailSec >= 0)) throw new Error(`padWithSilence: bad padding ${leadSec}, ${tailSec}`);
  await sox([input, output, 'pad', String(leadSec), String(tailSec)]);
}

/** Converts any audio file sox can read to 16 kHz mono 16-bit signed PCM WAV. */
export async function toMono16k(input: string, output: string): Promise<void> {
  await sox(['-D', input, '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', output]);
}

export interface WavInfo {
  audioFormat: number; // 1 = PCM, 3 = float (the sub-format for WAVE_FORMAT_EXTENSIBLE)
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  frames: number;
  dataOffset: number;
  dataBytes: number;
}

/** Walks the RIFF chunks of a WAV file (any chunk order, odd-size padding, extensible format). */
export function parseWav(buf: Buffer): WavInfo {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a RIFF/WAVE file');
  }
  let fmt: { audioFormat: number; channels: number; sampleRate: number; blockAlign: number; bitsPerSample: number } | undefined;
  for (let pos = 12; pos + 8 <= buf.length;) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > buf.length) throw new Error('truncated fmt chunk');
      let audioFormat = buf.readUInt16LE(body);
      if (audioFormat === 0xfffe && size >= 26) audioFormat = buf.readUInt16LE(body + 24); // sub-format GUID starts with the code
      fmt = {
        audioFormat,
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        blockAlign: buf.readUInt16LE(body + 12),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === 'data') {
      if (!fmt || fmt.blockAlign === 0) throw new Error('data chunk without a valid fmt chunk before it');
      const dataBytes = Math.min(size, buf.length - body); // tolerate a size field never patched after streaming
      const { blockAlign, ...rest } = fmt;
      return { ...rest, dataOffset: body, dataBytes, frames: Math.floor(dataBytes / blockAlign) };
    }
    pos = body + size + (size & 1);
  }
  throw new Error('no data chunk');
}

function decodeMono16(buf: Buffer): { sampleRate: number; samples: Float32Array } {
  const info = parseWav(buf);
  if (info.audioFormat !== 1 || info.channels !== 1 || info.bitsPerSample !== 16) {
    throw new Error(`expected 16-bit PCM mono WAV, got format ${info.audioFormat}, ${info.channels} ch, ${info.bitsPerSample} bit`);
  }
  const samples = new Float32Array(info.frames);
  for (let i = 0; i < info.frames; i++) samples[i] = buf.readInt16LE(info.dataOffset + 2 * i) / 32768;
  return { sampleRate: info.sampleRate, samples };
}

/** Reads a 16-bit PCM mono WAV into floats in [-1, 1). */
export async function readWavMono16(path: string): Promise<{ sampleRate: number; samples: Float32Array }> {
  return decodeMono16(await readFile(path));
}

export async function compareSpeech(referencePath: string, recordedPath: string, opts: CompareOptions = {}): Promise<SpeechComparison> {
  const { minOffsetSec = -0.5, maxOffsetSec = 3, segmentSec = 1, speechDb = -30, minRms = 1e-3 } = opts;
  const [refBuf, recBuf] = await Promise.all([readFile(referencePath), readFile(recordedPath)]);
  const refInfo = parseWav(refBuf);
  const recInfo = parseWav(recBuf);

  const dir = await mkdtemp(join(tmpdir(), 'audio-compare-'));
  let ref: Float32Array;
  let rec: Float32Array;
  try {
    await toMono16k(referencePath, join(dir, 'reference.wav'));
    ref = (await readWavMono16(join(dir, 'reference.wav'))).samples;
    const recIsMono16k = recInfo.audioFormat === 1 && recInfo.channels === 1 && recInfo.bitsPerSample === 16 && recInfo.sampleRate === RATE;
    if (recIsMono16k) {
      rec = decodeMono16(recBuf).samples;
    } else {
      await toMono16k(recordedPath, join(dir, 'recorded.wav'));
      rec = (await readWavMono16(join(dir, 'recorded.wav'))).samples;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const { lag, aligned } = align(ref, rec, Math.round(minOffsetSec * RATE), Math.round(maxOffsetSec * RATE));

  // Consecutive segments of the reference; a short remainder under 0.1 s is ignored.
  const segLen = Math.round(segmentSec * RATE);
  const all: { startSec: number; rms: number; start: number; end: number }[] = [];
  for (let start = 0; start < ref.length; start += segLen) {
    const end = Math.min(start + segLen, ref.length);
    if (end - start < RATE / 10) break;
    let sum = 0;
    for (let i = start; i < end; i++) sum += ref[i]! * ref[i]!;
    all.push({ startSec: start / RATE, rms: Math.sqrt(sum / (end - start)), start, end });
  }
  const loudest = Math.max(0, ...all.map((s) => s.rms));
  const threshold = Math.max(minRms, loudest * 10 ** (speechDb / 20));
  const segments = all
    .filter((s) => s.rms > threshold)
    .map((s) => ({ startSec: s.startSec, rms: s.rms, correlation: pearson(ref, aligned, s.start, s.end) }));
  if (segments.length === 0) throw new Error(`reference ${referencePath} has no speech segment`);

  return {
    recordedDurationMs: (recInfo.frames / recInfo.sampleRate) * 1000,
    referenceDurationMs: (refInfo.frames / refInfo.sampleRate) * 1000,
    recordedSampleRate: recInfo.sampleRate,
    recordedChannels: recInfo.channels,
    offsetMs: (lag / RATE) * 1000,
    segments,
    minSpeechCorrelation: Math.min(...segments.map((s) => s.correlation)),
  };
}

/** Pearson correlation of a[start..end) and b[start..end); 0 if either is constant (e.g. all zeros). */
function pearson(a: ArrayLike<number>, b: ArrayLike<number>, start: number, end: number): number {
  const n = end - start;
  let sa = 0;
  let sb = 0;
  for (let i = start; i < end; i++) {
    sa += a[i]!;
    sb += b[i]!;
  }
  const ma = sa / n;
  const mb = sb / n;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = start; i < end; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * Finds the lag (in samples, fractional) maximising sum_n ref[n] * rec[n + lag] over [minLag, maxLag], and returns
 * rec shifted by it: aligned[n] = rec(n + lag), zero where that falls outside the recording.
 */
function align(ref: Float32Array, rec: Float32Array, minLag: number, maxLag: number): { lag: number; aligned: Float64Array } {
  // Only rec[0 .. ref.length + maxLag) can match (plus a margin so the fractional shift's edge ringing stays out of
  // reach). Zero padding to n >= that length - minLag keeps the circular correlation free of wrap-around at these lags.
  rec = rec.subarray(0, ref.length + Math.max(0, maxLag) + 1024);
  let n = 2;
  while (n < Math.max(ref.length, ref.length + maxLag, rec.length - Math.min(0, minLag))) n *= 2;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const refMean = mean(ref);
  const recMean = mean(rec);
  for (let i = 0; i < ref.length; i++) re[i] = ref[i]! - refMean;
  for (let i = 0; i < rec.length; i++) im[i] = rec[i]! - recMean;

  // One complex FFT of ref + i*rec gives both spectra R and X; P = conj(R) * X is the cross-correlation spectrum.
  fft(re, im, false);
  const xr = new Float64Array(n);
  const xi = new Float64Array(n);
  for (let k = 0; k <= n / 2; k++) {
    const j = (n - k) % n;
    const ar = re[k]!,
      ai = im[k]!,
      br = re[j]!,
      bi = -im[j]!; // Z_k and conj(Z_{n-k})
    const rr = (ar + br) / 2,
      ri = (ai + bi) / 2; // R_k = (Z_k + conj Z_{n-k}) / 2
    const Xr = (ai - bi) / 2,
      Xi = -(ar - br) / 2; // X_k = (Z_k - conj Z_{n-k}) / 2i
    const pr = rr * Xr + ri * Xi,
      pi = rr * Xi - ri * Xr;
    xr[k] = xr[j] = Xr;
    xi[k] = Xi;
    xi[j] = -Xi;
    re[k] = re[j] = pr;
    im[k] = pi;
    im[j] = -pi;
  }
  fft(re, im, true); // re[m mod n] = sum_i ref[i] * rec[i + m]
  const corr = (m: number) => re[((m % n) + n) % n]!;

  let best = minLag;
  for (let m = minLag; m <= maxLag; m++) if (corr(m) > corr(best)) best = m;

  // Sub-sample peak: the correlation is band-limited, so interpolate it with a windowed sinc and search finely.
  const K = 32;
  const at = (t: number) => {
    let s = 0;
    for (let j = -K; j <= K; j++) s += corr(best + j) * windowedSinc(t - j, K + 1);
    return s;
  };
  let frac = 0;
  let peak = at(0);
  for (const [span, step] of [
    [1, 0.01],
    [0.01, 0.0005],
  ] as const) {
    const centre = frac;
    for (let i = -Math.round(span / step); i <= Math.round(span / step); i++) {
      const t = centre + i * step;
      const v = at(t);
      if (v > peak) [frac, peak] = [t, v];
    }
  }

  // Fractional delay in the frequency domain: x(m + frac) <-> X_k * e^{2 pi i k frac / n}.
  const stepC = Math.cos((2 * Math.PI * frac) / n),
    stepS = Math.sin((2 * Math.PI * frac) / n);
  let pc = 1;
  let ps = 0;
  for (let k = 0; k <= n / 2; k++) {
    const j = (n - k) % n;
    const yr = xr[k]! * pc - xi[k]! * ps,
      yi = k === n / 2 ? 0 : xr[k]! * ps + xi[k]! * pc;
    xr[k] = xr[j] = yr;
    xi[k] = yi;
    xi[j] = -yi;
    [pc, ps] = [pc * stepC - ps * stepS, pc * stepS + ps * stepC]; // e^{2 pi i k frac / n} by rotation
  }
  fft(xr, xi, true);
  const aligned = new Float64Array(ref.length);
  for (let i = 0; i < ref.length; i++) {
    const src = i + best;
    if (src >= 0 && src < rec.length) aligned[i] = xr[src]!;
  }
  return { lag: best + frac, aligned };
}

function mean(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return a.length ? s / a.length : 0;
}

function windowedSinc(x: number, halfWidth: number): number {
  if (Math.abs(x) >= halfWidth) return 0;
  const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / halfWidth); // Hann
  return x === 0 ? 1 : (window * Math.sin(Math.PI * x)) / (Math.PI * x);
}

let twiddles: { n: number; cos: Float64Array; sin: Float64Array } | undefined;

/** In-place iterative radix-2 complex FFT; n must be a power of two. The inverse is scaled by 1/n. */
function fft(re: Float64Array, im: Float64Array, inverse: boolean): void {
  const n = re.length;
  if (twiddles?.n !== n) {
    // The stage combining blocks of `half` uses e^{-i pi k / half}, k < half, stored contiguously at [half, 2 * half).
    const cos = new Float64Array(n);
    const sin = new Float64Array(n);
    for (let half = 1; half < n; half *= 2) {
      for (let k = 0; k < half; k++) {
        cos[half + k] = Math.cos((Math.PI * k) / half);
        sin[half + k] = Math.sin((Math.PI * k) / half);
      }
    }
    twiddles = { n, cos, sin };
  }
  const { cos, sin } = twiddles;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i]!,
        ti = im[i]!;
      re[i] = re[j]!;
      im[i] = im[j]!;
      re[j] = tr;
      im[j] = ti;
    }
  }
  const sign = inverse ? 1 : -1;
  for (let half = 1; half < n; half *= 2) {
    for (let i = 0; i < n; i += 2 * half) {
      for (let k = 0; k < half; k++) {
        const wr = cos[half + k]!,
          wi = sign * sin[half + k]!;
        const a = i + k,
          b = a + half;
        const br = re[b]!,
          bi = im[b]!;
        const tr = br * wr - bi * wi,
          ti = br * wi + bi * wr;
        const ar = re[a]!,
          ai = im[a]!;
        re[a] = ar + tr;
        im[a] = ai + ti;
        re[b] = ar - tr;
        im[b] = ai - ti;
      }
    }
  }
  if (inverse) {
    for (let i = 0; i < n; i++) {
      re[i] = re[i]! / n;
      im[i] = im[i]! / n;
    }
  }
}
