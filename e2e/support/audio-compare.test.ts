// Tests for the e2e audio comparison, on real speech. Set DEBUG_AUDIO_COMPARE=1 to print the measured values.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSpeech, padWithSilence, parseWav, readWavMono16, toMono16k, type SpeechComparison } from './audio-compare';

const JFK = '/work/shared/audio/jfk.wav'; // 11.0 s, 16 kHz mono
const execFileAsync = promisify(execFile);
let dir: string;

const sox = async (...args: string[]) => void (await execFileAsync('sox', args));
const tmp = (name: string) => join(dir, name);

function show(label: string, r: SpeechComparison): void {
  if (!process.env.DEBUG_AUDIO_COMPARE) return;
  const segs = r.segments.map((s) => `${s.startSec}s:${s.correlation.toFixed(5)}`).join(' ');
  console.log(`${label}: offset ${r.offsetMs.toFixed(4)} ms, min ${r.minSpeechCorrelation.toFixed(5)} | ${segs}`);
}

/** Writes mono 16-bit PCM with a plain 44-byte header. */
async function writeWavMono16(path: string, samples: Float32Array, sampleRate = 16000): Promise<void> {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0, 'ascii');
  buf.writeUInt32LE(36 + samples.length * 2, 4);
  buf.write('WAVEfmt ', 8, 'ascii');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'ascii');
  buf.writeUInt32LE(samples.length * 2, 40);
  samples.forEach((v, i) => buf.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v * 32768))), 44 + 2 * i));
  await writeFile(path, buf);
}

/**
 * What the app does to the fed file: Chromium resamples it to 44.1/48 kHz for the fake device (the start latency is
 * some whole number of samples at THAT rate, i.e. a fractional number at 16 kHz), the app resamples to 16 kHz mono.
 */
async function simulateApp(input: string, output: string, deviceRate: number, latencySamples: number): Promise<void> {
  const id = Math.random().toString(36).slice(2);
  await sox(input, '-r', String(deviceRate), '-c', '2', tmp(`device-${id}.wav`));
  // A separate step: in one sox command `pad 123s` would count samples at the input's rate.
  await padWithSilence(tmp(`device-${id}.wav`), tmp(`device-${id}-late.wav`), latencySamples / deviceRate, 0.5);
  await sox('-D', tmp(`device-${id}-late.wav`), '-r', '16000', '-c', '1', '-b', '16', output, 'gain', '-6');
}

/** Removes `ms` of audio, or inserts `ms` of silence, at `atSec` of a 16-bit mono file. */
async function splice(input: string, output: string, atSec: number, ms: number, mode: 'remove' | 'insert'): Promise<void> {
  const { samples, sampleRate } = await readWavMono16(input);
  const at = Math.round(atSec * sampleRate);
  const n = Math.round((ms / 1000) * sampleRate);
  const out =
    mode === 'remove'
      ? new Float32Array([...samples.subarray(0, at), ...samples.subarray(at + n)])
      : new Float32Array([...samples.subarray(0, at), ...new Float32Array(n), ...samples.subarray(at)]);
  await writeWavMono16(output, out, sampleRate);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audio-compare-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('wav helpers', () => {
  it('padWithSilence keeps the format and adds the padding', async () => {
    await sox(JFK, '-r', '44100', '-c', '2', tmp('stereo.wav'));
    await padWithSilence(tmp('stereo.wav'), tmp('stereo-padded.wav'), 0.7, 0.5);
    const info = parseWav(await readFile(tmp('stereo-padded.wav')));
    expect(info).toMatchObject({ audioFormat: 1, sampleRate: 44100, channels: 2, bitsPerSample: 16 });
    expect(info.frames).toBe(Math.round(12.2 * 44100));
  });

  it('reads a WAV with extra chunks before data (not a 44-byte header)', async () => {
    await writeWavMono16(tmp('plain.wav'), new Float32Array([0, 0.5, -0.5, 0.25]));
    const plain = await readFile(tmp('plain.wav'));
    const list = Buffer.concat([Buffer.from('LIST'), Buffer.from([3, 0, 0, 0]), Buffer.from('abc'), Buffer.from([0])]); // odd size, padded
    const withList = Buffer.concat([plain.subarray(0, 36), list, plain.subarray(36)]);
    withList.writeUInt32LE(withList.length - 8, 4);
    await writeFile(tmp('list.wav'), withList);
    const { samples, sampleRate } = await readWavMono16(tmp('list.wav'));
    expect(sampleRate).toBe(16000);
    expect([...samples]).toEqual([0, 0.5, -0.5, 0.25]);
  });

  it('toMono16k converts any rate/channels to 16 kHz mono 16-bit', async () => {
    await sox(JFK, '-r', '22050', '-c', '2', tmp('22k-stereo.wav'));
    await toMono16k(tmp('22k-stereo.wav'), tmp('back.wav'));
    const { samples, sampleRate } = await readWavMono16(tmp('back.wav'));
    expect(sampleRate).toBe(16000);
    expect(samples.length).toBe(176000);
  });
});

describe('compareSpeech accepts the same speech', () => {
  it('identical file', async () => {
    const r = await compareSpeech(JFK, JFK);
    show('identical', r);
    expect(Math.abs(r.offsetMs)).toBeLessThan(0.01);
    expect(r.minSpeechCorrelation).toBeGreaterThan(0.999);
    expect(r.segments.length).toBeGreaterThanOrEqual(8);
  });

  it('padded copy (0.7 s lead, 0.5 s tail)', async () => {
    await padWithSilence(JFK, tmp('padded.wav'), 0.7, 0.5);
    const r = await compareSpeech(JFK, tmp('padded.wav'));
    show('padded 0.7/0.5', r);
    expect(Math.abs(r.offsetMs - 700)).toBeLessThan(1);
    expect(r.minSpeechCorrelation).toBeGreaterThanOrEqual(0.97);
  });

  it('44.1 kHz stereo copy, as recording', async () => {
    await sox(JFK, '-r', '44100', '-c', '2', tmp('jfk-44k-stereo.wav'));
    const r = await compareSpeech(JFK, tmp('jfk-44k-stereo.wav'));
    show('44.1k stereo copy', r);
    expect(Math.abs(r.offsetMs)).toBeLessThan(1);
    expect(r.minSpeechCorrelation).toBeGreaterThanOrEqual(0.97);
  });

  it('app path: 44.1 kHz device with a fractional-sample latency, back to 16 kHz, -6 dB', async () => {
    await simulateApp(JFK, tmp('app-44k.wav'), 44100, 30871); // 700.0227 ms = 11200.36 samples at 16 kHz
    const r = await compareSpeech(JFK, tmp('app-44k.wav'));
    show('app path 44.1k', r);
    expect(Math.abs(r.offsetMs - (30871 / 44100) * 1000)).toBeLessThan(1);
    expect(Math.abs(r.offsetMs - (30871 / 44100) * 1000)).toBeLessThan(0.005); // sub-sample: < 0.08 sample
    expect(r.minSpeechCorrelation).toBeGreaterThanOrEqual(0.97);
  });

  it('app path: 48 kHz device, fed file 44.1 kHz stereo', async () => {
    await sox(JFK, '-r', '44100', '-c', '2', tmp('fed-44k-stereo.wav'));
    await simulateApp(tmp('fed-44k-stereo.wav'), tmp('app-48k.wav'), 48000, 45001); // 937.5208 ms
    const r = await compareSpeech(tmp('fed-44k-stereo.wav'), tmp('app-48k.wav'));
    show('app path 48k, 44.1k stereo reference', r);
    expect(Math.abs(r.offsetMs - (45001 / 48000) * 1000)).toBeLessThan(1);
    expect(r.minSpeechCorrelation).toBeGreaterThanOrEqual(0.97);
  });

  // espeak has more high-frequency energy than jfk.wav: at the nearest whole-sample offset (1/3 sample off) its
  // segments correlate at only ~0.96-0.98, so this also guards the sub-sample refinement.
  it('app path: espeak-ng reference at 22050 Hz, 1/3-sample latency', async () => {
    await execFileAsync('espeak-ng', [
      '-w',
      tmp('espeak.wav'),
      'She sells sea shells by the sea shore, and the shells she sells are surely seashells.',
    ]);
    await simulateApp(tmp('espeak.wav'), tmp('espeak-app.wav'), 48000, 12346); // 4115.33 samples at 16 kHz
    const r = await compareSpeech(tmp('espeak.wav'), tmp('espeak-app.wav'));
    show('app path espeak 22050', r);
    expect(Math.abs(r.offsetMs - (12346 / 48000) * 1000)).toBeLessThan(1);
    expect(Math.abs(r.offsetMs - (12346 / 48000) * 1000)).toBeLessThan(0.005);
    expect(r.minSpeechCorrelation).toBeGreaterThanOrEqual(0.97);
  });
});

describe('compareSpeech rejects what is not the same speech without a gap', () => {
  beforeAll(async () => {
    await simulateApp(JFK, tmp('base.wav'), 44100, 30871);
  });

  it('10 ms of audio removed mid-file', async () => {
    await splice(tmp('base.wav'), tmp('removed.wav'), 0.7 + 6.5, 10, 'remove');
    const r = await compareSpeech(JFK, tmp('removed.wav'));
    show('10 ms removed at 6.5 s', r);
    expect(r.minSpeechCorrelation).toBeLessThan(0.95);
    expect(r.segments.filter((s) => s.startSec >= 7).every((s) => s.correlation < 0.95)).toBe(true);
    expect(r.segments.filter((s) => s.startSec < 6).every((s) => s.correlation >= 0.97)).toBe(true);
  });

  it('10 ms of silence inserted mid-file', async () => {
    await splice(tmp('base.wav'), tmp('inserted.wav'), 0.7 + 6.5, 10, 'insert');
    const r = await compareSpeech(JFK, tmp('inserted.wav'));
    show('10 ms inserted at 6.5 s', r);
    expect(r.minSpeechCorrelation).toBeLessThan(0.95);
    expect(r.segments.filter((s) => s.startSec >= 7).every((s) => s.correlation < 0.95)).toBe(true);
  });

  it('a different utterance', async () => {
    await execFileAsync('espeak-ng', [
      '-w',
      tmp('other.wav'),
      'And so my fellow Americans, the weather today is mild with a chance of rain.',
    ]);
    await simulateApp(tmp('other.wav'), tmp('other-app.wav'), 48000, 24000);
    const r = await compareSpeech(JFK, tmp('other-app.wav'));
    show('different utterance', r);
    expect(r.minSpeechCorrelation).toBeLessThan(0.5);
  });

  it('a recording cut 3 s short', async () => {
    await sox(tmp('base.wav'), tmp('short.wav'), 'trim', '0', String(0.7 + 11 - 3));
    const r = await compareSpeech(JFK, tmp('short.wav'));
    show('cut 3 s short', r);
    expect(r.minSpeechCorrelation).toBeLessThan(0.95);
    const missing = r.segments.filter((s) => s.startSec >= 8);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((s) => s.correlation === 0)).toBe(true);
  });
});

describe('compareSpeech reports the files', () => {
  it('durations, recorded rate and channels', async () => {
    await execFileAsync('espeak-ng', ['-w', tmp('espeak-dur.wav'), 'Hello there.']);
    await sox(JFK, '-r', '44100', '-c', '2', tmp('dur-stereo.wav'), 'pad', '0.7', '0.5');
    const a = await compareSpeech(JFK, tmp('dur-stereo.wav'));
    expect(a).toMatchObject({ referenceDurationMs: 11000, recordedSampleRate: 44100, recordedChannels: 2 });
    expect(a.recordedDurationMs).toBeCloseTo(12200, 3);

    const { stdout } = await execFileAsync('soxi', ['-D', tmp('espeak-dur.wav')]);
    await simulateApp(tmp('espeak-dur.wav'), tmp('espeak-dur-app.wav'), 48000, 4800);
    const b = await compareSpeech(tmp('espeak-dur.wav'), tmp('espeak-dur-app.wav'));
    expect(b.referenceDurationMs).toBeCloseTo(Number(stdout) * 1000, 3);
    expect(b.recordedSampleRate).toBe(16000);
    expect(b.recordedChannels).toBe(1);
    const { stdout: recDur } = await execFileAsync('soxi', ['-D', tmp('espeak-dur-app.wav')]);
    expect(b.recordedDurationMs).toBeCloseTo(Number(recDur) * 1000, 3);
  });
});

describe('long file', () => {
  it('60 s of speech through the app path', async () => {
    await sox(JFK, JFK, JFK, JFK, JFK, JFK, tmp('long.wav'), 'trim', '0', '60');
    await simulateApp(tmp('long.wav'), tmp('long-app.wav'), 48000, 48000 + 7);
    const t0 = performance.now();
    const r = await compareSpeech(tmp('long.wav'), tmp('long-app.wav'));
    if (process.env.DEBUG_AUDIO_COMPARE) console.log(`60 s compareSpeech took ${(performance.now() - t0).toFixed(0)} ms`);
    show('60 s app path', r);
    expect(Math.abs(r.offsetMs - (48007 / 48000) * 1000)).toBeLessThan(1);
    expect(r.minSpeechCorrelation).toBeGreaterThanOrEqual(0.97);
  });
});
