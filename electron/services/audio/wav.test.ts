import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maxDifference } from './test-support';
import { decodeWav, floatToInt16, readWavFile, readWavInfo, wavHeader } from './wav';

const JFK = '/work/shared/audio/jfk.wav';
const dir = mkdtempSync(path.join(tmpdir(), 'rehearse-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Converts jfk.wav with sox; returns the WAV and sox's own decoding of it as interleaved float32. */
function soxed(name: string, args: string[]): { file: string; reference: Float32Array } {
  const file = path.join(dir, name);
  execFileSync('sox', [JFK, ...args, file]);
  const raw = execFileSync('sox', [file, '-t', 'raw', '-e', 'floating-point', '-b', '32', '-L', '-'], { maxBuffer: 64 * 1024 * 1024 });
  return { file, reference: new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4) };
}

function interleave(channels: Float32Array[]): Float32Array {
  const frames = channels[0]?.length ?? 0;
  const out = new Float32Array(frames * channels.length);
  channels.forEach((channel, c) => channel.forEach((v, i) => (out[i * channels.length + c] = v)));
  return out;
}

describe('wavHeader', () => {
  it('writes the canonical 44-byte PCM header', () => {
    const header = wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 352_000 });
    expect(header).toHaveLength(44);
    expect(header.toString('ascii', 0, 4)).toBe('RIFF');
    expect(header.readUInt32LE(4)).toBe(36 + 352_000);
    expect(header.toString('ascii', 8, 16)).toBe('WAVEfmt ');
    expect([header.readUInt32LE(16), header.readUInt16LE(20), header.readUInt16LE(22)]).toEqual([16, 1, 1]);
    expect([header.readUInt32LE(24), header.readUInt32LE(28), header.readUInt16LE(32), header.readUInt16LE(34)]).toEqual([
      16_000, 32_000, 2, 16,
    ]);
    expect(header.toString('ascii', 36, 40)).toBe('data');
    expect(header.readUInt32LE(40)).toBe(352_000);
  });

  it('matches the fmt and data fields sox writes for the same audio', () => {
    const jfk = readFileSync(JFK);
    const info = readWavInfo(jfk);
    const ours = wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: info.dataBytes });
    expect(ours.subarray(12, 36)).toEqual(jfk.subarray(12, 36));
  });

  it('round-trips through readWavInfo and decodeWav', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.9);
    const pcm = floatToInt16(samples);
    const file = Buffer.concat([
      wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: pcm.byteLength }),
      Buffer.from(pcm.buffer),
    ]);
    const { info, channels } = decodeWav(file);
    expect(info).toEqual({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      format: 'pcm',
      dataOffset: 44,
      dataBytes: 2000,
      declaredDataBytes: 2000,
      durationMs: 62.5,
    });
    expect(channels).toHaveLength(1);
    expect(maxDifference(channels[0]!, samples)).toBeLessThanOrEqual(0.5 / 32768);
  });

  it('refuses a size a WAV cannot hold', () => {
    expect(() => wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 2 ** 32 })).toThrow(/cannot hold/);
  });
});

describe('floatToInt16', () => {
  it('scales, rounds and clamps', () => {
    const input = Float32Array.of(0, 0.5, -0.5, 1, -1, 2, -2, 1.4 / 32768, 1.6 / 32768, -1.6 / 32768, Number.NaN);
    expect([...floatToInt16(input)]).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768, 1, 2, -2, 0]);
  });
});

describe('reading WAV files', () => {
  it('reads jfk.wav (16 kHz mono 16-bit, with a LIST chunk after fmt)', async () => {
    const { info, channels } = await readWavFile(JFK);
    expect(info).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      format: 'pcm',
      dataBytes: 352_000,
      durationMs: 11_000,
    });
    expect(info.dataOffset).toBeGreaterThan(44);
    expect(info.declaredDataBytes).toBe(352_000);
    const { reference } = soxed('copy.wav', []);
    expect(maxDifference(channels[0]!, reference)).toBe(0);
  });

  const variants: [string, string[], Partial<ReturnType<typeof readWavInfo>>][] = [
    ['s24-stereo-44k.wav', ['-r', '44100', '-c', '2', '-b', '24'], { sampleRate: 44_100, channels: 2, bitsPerSample: 24, format: 'pcm' }],
    ['f32.wav', ['-e', 'floating-point', '-b', '32'], { sampleRate: 16_000, channels: 1, bitsPerSample: 32, format: 'float' }],
    ['s32-48k.wav', ['-r', '48000', '-b', '32'], { sampleRate: 48_000, channels: 1, bitsPerSample: 32, format: 'pcm' }],
    ['u8.wav', ['-b', '8'], { sampleRate: 16_000, channels: 1, bitsPerSample: 8, format: 'pcm' }],
  ];
  for (const [name, args, expected] of variants) {
    it(`decodes ${name} (sox ${args.join(' ')}) exactly as sox does`, async () => {
      const { file, reference } = soxed(name, args);
      const { info, channels } = await readWavFile(file);
      expect(info).toMatchObject(expected);
      expect(info.durationMs).toBeCloseTo(11_000, 0);
      // Float32 cannot hold every 32-bit integer: allow the last bit's rounding.
      expect(maxDifference(interleave(channels), reference)).toBeLessThanOrEqual(2 ** -24);
    });
  }

  it('reads WAVE_FORMAT_EXTENSIBLE (sox writes 24-bit stereo that way)', () => {
    const { file } = soxed('extensible.wav', ['-c', '2', '-b', '24']);
    const buf = readFileSync(file);
    expect(buf.readUInt16LE(20)).toBe(0xfffe);
    expect(readWavInfo(buf)).toMatchObject({ channels: 2, bitsPerSample: 24, format: 'pcm' });
  });

  it('uses what a truncated file holds and reports both sizes', () => {
    const whole = decodeWav(readFileSync(JFK));
    const cut = readFileSync(JFK).subarray(0, whole.info.dataOffset + 10_001);
    const { info, channels } = decodeWav(cut);
    expect(info.declaredDataBytes).toBe(352_000);
    expect(info.dataBytes).toBe(10_000);
    expect(info.durationMs).toBe(312.5);
    expect(maxDifference(channels[0]!, whole.channels[0]!.subarray(0, 5000))).toBe(0);
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => readWavInfo(Buffer.from('not a wav file at all'))).toThrow(/no RIFF\/WAVE header/);
    const { file } = soxed('alaw.wav', ['-e', 'a-law']);
    expect(() => readWavInfo(readFileSync(file))).toThrow(/unsupported WAV format tag 0x6/);
    const headerOnly = readFileSync(JFK).subarray(0, 36);
    expect(() => readWavInfo(headerOnly)).toThrow(/no data chunk/);
    const noFmt = Buffer.from(readFileSync(JFK));
    noFmt.write('junk', 12, 'ascii');
    expect(() => readWavInfo(noFmt)).toThrow(/no fmt chunk/);
  });

  it('reads a file it wrote to disk', async () => {
    const pcm = floatToInt16(Float32Array.of(0.25, -0.25, 0.5));
    const file = path.join(dir, 'ours.wav');
    writeFileSync(
      file,
      Buffer.concat([
        wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: pcm.byteLength }),
        Buffer.from(pcm.buffer),
      ]),
    );
    expect([...(await readWavFile(file)).channels[0]!]).toEqual([0.25, -0.25, 0.5]);
  });
});
