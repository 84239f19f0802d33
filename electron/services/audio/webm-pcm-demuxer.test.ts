import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concatSamples, maxDifference, seeded } from './test-support';
import { GapDetector, WebmPcmDemuxer, type PcmBlock } from './webm-pcm-demuxer';

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url)));
const recording = fixture('mediarecorder-pcm.webm');

function pushInChunks(bytes: Uint8Array, sizes: () => number): { demuxer: WebmPcmDemuxer; blocks: PcmBlock[] } {
  const demuxer = new WebmPcmDemuxer();
  const blocks: PcmBlock[] = [];
  for (let at = 0; at < bytes.length;) {
    const end = Math.min(bytes.length, at + sizes());
    blocks.push(...demuxer.push(bytes.subarray(at, end)));
    at = end;
  }
  return { demuxer, blocks };
}

/** Compares block lists cheaply: timing exactly, then every sample of every channel. */
function expectSameBlocks(actual: PcmBlock[], expected: PcmBlock[]): void {
  const timing = (blocks: PcmBlock[]) => blocks.map((b) => [b.timestampMs, b.frames, b.sampleRate, b.channels.length]);
  expect(timing(actual)).toEqual(timing(expected));
  for (const channel of [0, 1]) {
    const samples = (blocks: PcmBlock[]) => concatSamples(blocks.map((b) => b.channels[channel] as Float32Array));
    expect(maxDifference(samples(actual), samples(expected))).toBe(0);
  }
}

function gapsOf(blocks: PcmBlock[], detector = new GapDetector()) {
  return blocks.map((block) => detector.check(block)).filter((gap) => gap !== null);
}

// A minimal EBML writer for the cases Chrome does not produce (s16, BlockGroup, lacing, skipped elements).
function vintSize(n: number): number[] {
  if (n < 0x7f) return [0x80 | n];
  if (n < 0x3fff) return [0x40 | (n >> 8), n & 0xff];
  return [0x10, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}
function idBytes(id: number): number[] {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return out;
}
function el(id: number, ...children: (number[] | Uint8Array)[]): number[] {
  const payload = children.flatMap((child) => [...child]);
  return [...idBytes(id), ...vintSize(payload.length), ...payload];
}
const UNKNOWN_SIZE = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
function uint(id: number, v: number): number[] {
  const bytes = [v & 0xff];
  for (let rest = v >> 8; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return el(id, bytes);
}
const ascii = (s: string) => [...Buffer.from(s, 'ascii')];
function float64(v: number): number[] {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(v);
  return [...b];
}
function s16Frames(frames: number[][]): number[] {
  const b = Buffer.alloc(frames.length * frames[0]!.length * 2);
  frames.flat().forEach((v, i) => b.writeInt16LE(v, i * 2));
  return [...b];
}

function synthetic(opts: { codec?: string; bitDepth?: number; blocks: number[][]; timecodeScaleNs?: number }): Uint8Array {
  const header = el(0x1a45dfa3, el(0x4282, ascii('webm')));
  const info = el(0x1549a966, opts.timecodeScaleNs ? uint(0x2ad7b1, opts.timecodeScaleNs) : []);
  const tracks = el(
    0x1654ae6b,
    el(
      0xae,
      uint(0xd7, 1),
      el(0x86, ascii(opts.codec ?? 'A_PCM/INT/LIT')),
      el(0xe1, el(0xb5, float64(48000)), uint(0x9f, 2), uint(0x6264, opts.bitDepth ?? 16)),
    ),
  );
  return new Uint8Array([...header, ...[0x18, 0x53, 0x80, 0x67, ...UNKNOWN_SIZE], ...info, ...tracks, ...opts.blocks.flat()]);
}
const cluster = (timecode: number) => [0x1f, 0x43, 0xb6, 0x75, ...UNKNOWN_SIZE, ...uint(0xe7, timecode)];
const simpleBlock = (relative: number, payload: number[], flags = 0x80) =>
  el(0xa3, [0x81, (relative >> 8) & 0xff, relative & 0xff, flags], payload);
const groupedBlock = (relative: number, payload: number[]) =>
  el(0xa0, el(0xa1, [0x81, (relative >> 8) & 0xff, relative & 0xff, 0x00], payload));

describe('WebmPcmDemuxer on a real Chromium MediaRecorder take', () => {
  const whole = new WebmPcmDemuxer();
  const blocks = whole.push(recording);

  it('reads the track format', () => {
    expect(whole.format).toEqual({ sampleRate: 44100, channels: 2, codec: 'f32' });
  });

  it('yields about 3 s of planar float audio that is not silence', () => {
    const frames = blocks.reduce((sum, block) => sum + block.frames, 0);
    expect(blocks).toHaveLength(300);
    expect(frames).toBe(132_300);
    const last = blocks.at(-1) as PcmBlock;
    const spanMs = last.timestampMs + (last.frames / 44100) * 1000 - (blocks[0] as PcmBlock).timestampMs;
    expect((frames / 44100) * 1000).toBeCloseTo(spanMs, 0);
    const peak = Math.max(...blocks.map((block) => Math.max(...block.channels[0]!.map(Math.abs))));
    expect(peak).toBeGreaterThan(0.3);
    expect(peak).toBeLessThanOrEqual(1);
    expect(blocks.every((block) => block.channels.length === 2 && block.channels.every((c) => c.length === block.frames))).toBe(true);
  });

  it('gives the same PCM whatever the chunking (random 1..5000-byte chunks)', () => {
    for (const seed of [1, 2, 3]) {
      const random = seeded(seed);
      const { demuxer, blocks: chunked } = pushInChunks(recording, () => 1 + Math.floor(random() * 5000));
      expect(demuxer.format).toEqual(whole.format);
      expectSameBlocks(chunked, blocks);
    }
  });

  it('survives a split at every byte of the headers and the first blocks', () => {
    const expected = new WebmPcmDemuxer().push(recording.subarray(0, 4000));
    expect(expected).toHaveLength(1);
    for (let split = 0; split <= 4000; split += split < 400 || split > 3600 ? 1 : 29) {
      const demuxer = new WebmPcmDemuxer();
      const got = [...demuxer.push(recording.subarray(0, split)), ...demuxer.push(recording.subarray(split, 4000))];
      expectSameBlocks(got, expected);
    }
  });

  it('has continuous timestamps', () => {
    expect(gapsOf(blocks)).toEqual([]);
  });

  it('detects a synthetic gap: two dropped 10 ms blocks', () => {
    const dropped = [...blocks.slice(0, 100), ...blocks.slice(102)];
    expect(gapsOf(dropped)).toEqual([{ atMs: blocks[100]!.timestampMs, gapMs: 20 }]);
  });

  it('reports a single dropped 10 ms block', () => {
    const dropped = [...blocks.slice(0, 150), ...blocks.slice(151)];
    expect(gapsOf(dropped)).toEqual([{ atMs: blocks[150]!.timestampMs, gapMs: 10 }]);
  });

  it('does not turn a slowly drifting clock into gaps', () => {
    // 0.3 ms late per 10 ms block (far more than real clock drift): never a gap between two blocks.
    const drifting = blocks.map((block, i) => ({ ...block, timestampMs: Math.round(block.timestampMs + i * 0.3) }));
    expect(gapsOf(drifting)).toEqual([]);
  });
});

describe('WebmPcmDemuxer on a real take with capture gaps', () => {
  it('reports every gap, and together they explain all the missing time', () => {
    const blocks = new WebmPcmDemuxer().push(fixture('mediarecorder-pcm-gaps.webm'));
    const gaps = gapsOf(blocks);
    expect(gaps).toEqual([
      { atMs: 640, gapMs: 20 },
      { atMs: 680, gapMs: 20 },
      { atMs: 720, gapMs: 10 },
      { atMs: 800, gapMs: 20 },
      { atMs: 830, gapMs: 20 },
      { atMs: 900, gapMs: 50 },
      { atMs: 970, gapMs: 10 },
    ]);
    const audioMs = (blocks.reduce((sum, block) => sum + block.frames, 0) / 44100) * 1000;
    const last = blocks.at(-1) as PcmBlock;
    const spanMs = last.timestampMs + (last.frames / 44100) * 1000 - (blocks[0] as PcmBlock).timestampMs;
    const unexplainedMs = spanMs - audioMs - gaps.reduce((sum, gap) => sum + gap.gapMs, 0);
    expect(Math.abs(unexplainedMs)).toBeLessThanOrEqual(2);
  });
});

describe('WebmPcmDemuxer errors', () => {
  it('names an unsupported codec (a real Opus take)', () => {
    expect(() => new WebmPcmDemuxer().push(fixture('mediarecorder-opus.webm'))).toThrow(/unsupported audio codec A_OPUS/);
  });

  it('refuses bytes that are not EBML', () => {
    expect(() => new WebmPcmDemuxer().push(new Uint8Array(readFileSync('/work/shared/audio/jfk.wav').subarray(0, 1000)))).toThrow(
      /not a WebM stream/,
    );
    expect(() => new WebmPcmDemuxer().push(new Uint8Array(64))).toThrow(/not a WebM stream: invalid element ID byte 0x00 at offset 0/);
    expect(() => new WebmPcmDemuxer().push(Buffer.from('hello, this is text'))).toThrow(/not a WebM stream/);
  });

  it('refuses garbage in the middle of a stream, at its offset', () => {
    const bytes = synthetic({ blocks: [cluster(0), simpleBlock(0, s16Frames([[1, 2]]))] });
    const demuxer = new WebmPcmDemuxer();
    expect(demuxer.push(bytes)).toHaveLength(1);
    expect(() => demuxer.push(new Uint8Array([0, 0, 0, 0]))).toThrow(`invalid element ID byte 0x00 at offset ${bytes.length}`);
  });

  it('refuses a float track that is not 32-bit', () => {
    const bytes = synthetic({ codec: 'A_PCM/FLOAT/IEEE', bitDepth: 64, blocks: [cluster(0)] });
    expect(() => new WebmPcmDemuxer().push(bytes)).toThrow(/A_PCM\/FLOAT\/IEEE with BitDepth 64 is not supported/);
  });
});

describe('WebmPcmDemuxer on synthetic streams', () => {
  it('reads 16-bit integer PCM from SimpleBlocks and BlockGroups, with an 8-byte SamplingFrequency', () => {
    const bytes = synthetic({
      blocks: [
        cluster(1000),
        simpleBlock(
          0,
          s16Frames([
            [16384, -16384],
            [32767, -32768],
          ]),
        ),
        groupedBlock(5, s16Frames([[-8192, 8192]])),
      ],
    });
    const demuxer = new WebmPcmDemuxer();
    const blocks = demuxer.push(bytes);
    expect(demuxer.format).toEqual({ sampleRate: 48000, channels: 2, codec: 's16' });
    expect(blocks.map((b) => [b.timestampMs, b.frames, b.channels.map((c) => [...c])])).toEqual([
      [
        1000,
        2,
        [
          [0.5, 32767 / 32768],
          [-0.5, -1],
        ],
      ],
      [1005, 1, [[-0.25], [0.25]]],
    ]);
  });

  it('applies the TimecodeScale from Info', () => {
    const bytes = synthetic({ timecodeScaleNs: 500_000, blocks: [cluster(10), simpleBlock(-4, s16Frames([[0, 0]]))] });
    expect(new WebmPcmDemuxer().push(bytes)[0]?.timestampMs).toBe(3);
  });

  it('skips unknown elements that span several pushes', () => {
    const voidElement = el(0xec, new Uint8Array(20_000).fill(0xa3));
    const tags = el(0x1254c367, el(0x7373, ascii('anything')));
    const bytes = synthetic({ blocks: [voidElement, tags, cluster(0), voidElement, simpleBlock(0, s16Frames([[1, 2]]))] });
    const { blocks } = pushInChunks(bytes, () => 700);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.channels.map((c) => c[0])).toEqual([1 / 32768, 2 / 32768]);
  });

  it('knows the format as soon as Tracks has arrived, before any cluster', () => {
    const bytes = synthetic({ blocks: [] });
    const demuxer = new WebmPcmDemuxer();
    demuxer.push(bytes.subarray(0, bytes.length - 1));
    expect(demuxer.format).toBeNull();
    demuxer.push(bytes.subarray(bytes.length - 1));
    expect(demuxer.format).toEqual({ sampleRate: 48000, channels: 2, codec: 's16' });
  });
});
