// Turns the WebM that Chromium's MediaRecorder streams ('audio/webm;codecs=pcm') into planar float PCM
// blocks as the bytes arrive, split at any byte. A narrow streaming EBML reader: it descends the few
// master elements on the path to the samples (live streams give Segment and Cluster no size) and
// skips everything else by its size. GapDetector checks the blocks' timestamps against their lengths.

export interface PcmFormat {
  sampleRate: number;
  channels: number;
  codec: 'f32' | 's16';
}

export interface PcmBlock {
  timestampMs: number;
  frames: number;
  /** Of the whole stream, repeated here so that a block can be checked on its own. */
  sampleRate: number;
  /** One array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
}

export interface Gap {
  /** Where the missing audio starts, in the stream's time. */
  atMs: number;
  gapMs: number;
}

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  Info: 0x1549a966,
  TimecodeScale: 0x2ad7b1,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  CodecID: 0x86,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  BitDepth: 0x6264,
  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
} as const;

/** Masters whose children we need; entered by reading just their header, so their size may be unknown. */
const DESCEND = new Set<number>([ID.Segment, ID.Info, ID.Tracks, ID.TrackEntry, ID.Audio, ID.Cluster, ID.BlockGroup]);
/** Leaves we read whole, so they wait in the buffer until all their bytes are there. */
const READ = new Set<number>([
  ID.TimecodeScale,
  ID.TrackNumber,
  ID.CodecID,
  ID.SamplingFrequency,
  ID.Channels,
  ID.BitDepth,
  ID.Timecode,
  ID.SimpleBlock,
  ID.Block,
]);

const MAX_READ_BYTES = 16 * 1024 * 1024;

const CODECS: Record<string, { codec: PcmFormat['codec']; bitDepth: number }> = {
  'A_PCM/FLOAT/IEEE': { codec: 'f32', bitDepth: 32 },
  'A_PCM/INT/LIT': { codec: 's16', bitDepth: 16 },
};

interface Vint {
  length: number;
  value: number;
  /** All value bits set: the "unknown size" of a live stream's Segment and Cluster. */
  unknown: boolean;
}

/** An EBML variable-length integer at `at`, or null if its bytes have not all arrived. */
function readVint(buf: Uint8Array, at: number, maxLength: number, what: string, offset: number): Vint | null {
  const first = buf[at];
  if (first === undefined) return null;
  const length = Math.clz32(first) - 23;
  if (length < 1 || length > maxLength) {
    throw new Error(`not a WebM stream: invalid ${what} byte 0x${first.toString(16).padStart(2, '0')} at offset ${offset}`);
  }
  if (at + length > buf.length) return null;
  const valueMask = 0xff >> length;
  let value = first & valueMask;
  let unknown = value === valueMask;
  for (let i = 1; i < length; i++) {
    const byte = buf[at + i] as number;
    value = value * 256 + byte;
    unknown &&= byte === 0xff;
  }
  return { length, value, unknown };
}

function readUint(buf: Uint8Array): number {
  return buf.reduce((value, byte) => value * 256 + byte, 0);
}

export class WebmPcmDemuxer {
  private tail: Uint8Array = new Uint8Array(0);
  /** Stream offset of tail[0], for error messages and for knowing where Tracks ends. */
  private offset = 0;
  /** Bytes of a skipped element that have not arrived yet. */
  private skipping = 0;
  private started = false;
  private tracksEnd: number | null = null;
  private trackEntries = 0;
  private track: { number?: number; codecId?: string; sampleRate?: number; channels?: number; bitDepth?: number } = {};
  private timecodeScaleNs = 1_000_000;
  private clusterTimecode: number | null = null;
  private parsedFormat: PcmFormat | null = null;

  /** Known once the Tracks element has been read. */
  get format(): PcmFormat | null {
    return this.parsedFormat;
  }

  push(bytes: Uint8Array): PcmBlock[] {
    const skipped = Math.min(this.skipping, bytes.length);
    this.skipping -= skipped;
    this.offset += skipped;
    const buf = this.tail.length === 0 ? bytes.subarray(skipped) : concat(this.tail, bytes.subarray(skipped));
    const blocks: PcmBlock[] = [];
    let at = 0;
    while (at < buf.length) {
      const here = this.offset + at;
      const id = readVint(buf, at, 4, 'element ID', here);
      if (!id) break;
      const size = readVint(buf, at + id.length, 8, 'element size', here);
      if (!size) break;
      const elementId = readUint(buf.subarray(at, at + id.length));
      const header = id.length + size.length;
      if (!this.started) {
        if (elementId !== ID.EBML)
          throw new Error(`not a WebM stream: it starts with element 0x${elementId.toString(16)}, not the EBML header`);
        this.started = true;
      }
      if (DESCEND.has(elementId)) {
        this.enter(elementId, here + header, size);
        at += header;
        continue;
      }
      if (size.unknown) throw new Error(`element 0x${elementId.toString(16)} at offset ${here} has an unknown size and cannot be skipped`);
      if (READ.has(elementId)) {
        if (size.value > MAX_READ_BYTES)
          throw new Error(`element 0x${elementId.toString(16)} at offset ${here} claims ${size.value} bytes, more than any audio block`);
        if (at + header + size.value > buf.length) break;
        const block = this.read(elementId, buf.subarray(at + header, at + header + size.value), here);
        if (block) blocks.push(block);
        at += header + size.value;
        continue;
      }
      const available = buf.length - at - header;
      if (size.value > available) {
        this.skipping = size.value - available;
        at = buf.length;
        break;
      }
      at += header + size.value;
    }
    this.tail = buf.slice(at);
    this.offset += at;
    if (this.tracksEnd !== null && this.offset >= this.tracksEnd) this.finishTracks();
    return blocks;
  }

  private enter(elementId: number, contentStart: number, size: Vint): void {
    if (elementId === ID.Tracks && !size.unknown) this.tracksEnd = contentStart + size.value;
    if (elementId === ID.TrackEntry && ++this.trackEntries > 1) throw new Error('expected one audio track, the stream has several');
    if (elementId === ID.Cluster) this.finishTracks();
  }

  private read(elementId: number, data: Uint8Array, offset: number): PcmBlock | null {
    switch (elementId) {
      case ID.TimecodeScale:
        this.timecodeScaleNs = readUint(data);
        return null;
      case ID.TrackNumber:
        this.track.number = readUint(data);
        return null;
      case ID.CodecID: {
        const codecId = new TextDecoder().decode(data).replace(/\0+$/, '');
        if (!(codecId in CODECS)) {
          throw new Error(`unsupported audio codec ${codecId}: expected ${Object.keys(CODECS).join(' or ')} (audio/webm;codecs=pcm)`);
        }
        this.track.codecId = codecId;
        return null;
      }
      case ID.SamplingFrequency: {
        const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
        if (data.length === 4) this.track.sampleRate = view.getFloat32(0);
        else if (data.length === 8) this.track.sampleRate = view.getFloat64(0);
        else throw new Error(`SamplingFrequency at offset ${offset} is ${data.length} bytes, expected 4 or 8`);
        return null;
      }
      case ID.Channels:
        this.track.channels = readUint(data);
        return null;
      case ID.BitDepth:
        this.track.bitDepth = readUint(data);
        return null;
      case ID.Timecode:
        this.clusterTimecode = readUint(data);
        return null;
      default:
        return this.readBlock(data, offset);
    }
  }

  /** Turns the collected TrackEntry fields into the stream's format, once. */
  private finishTracks(): void {
    this.tracksEnd = null;
    if (this.parsedFormat) return;
    const { codecId, sampleRate, channels = 1, bitDepth } = this.track;
    if (codecId === undefined) throw new Error('the WebM stream has no audio track (no CodecID before the first Cluster)');
    if (sampleRate === undefined || !(sampleRate > 0)) throw new Error('the WebM audio track has no SamplingFrequency');
    const { codec, bitDepth: expectedDepth } = CODECS[codecId] as (typeof CODECS)[string];
    if (bitDepth !== expectedDepth)
      throw new Error(`${codecId} with BitDepth ${bitDepth ?? 'missing'} is not supported, expected ${expectedDepth}`);
    if (channels < 1) throw new Error('the WebM audio track has 0 channels');
    this.parsedFormat = { sampleRate, channels, codec };
  }

  private readBlock(data: Uint8Array, offset: number): PcmBlock {
    const format = this.parsedFormat;
    if (!format || this.clusterTimecode === null)
      throw new Error(`audio block at offset ${offset} comes before the track format or cluster timecode`);
    const track = readVint(data, 0, 8, 'block track number', offset);
    if (!track || data.length < track.length + 3) throw new Error(`audio block at offset ${offset} is too short`);
    if (this.track.number !== undefined && track.value !== this.track.number) {
      throw new Error(`block at offset ${offset} belongs to track ${track.value}, not the audio track ${this.track.number}`);
    }
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const relativeTimecode = view.getInt16(track.length);
    const flags = view.getUint8(track.length + 2);
    if (flags & 0x06) throw new Error(`block at offset ${offset} uses lacing, which this demuxer does not support`);

    const payloadStart = track.length + 3;
    const bytesPerSample = format.codec === 'f32' ? 4 : 2;
    const frameBytes = bytesPerSample * format.channels;
    const payloadBytes = data.length - payloadStart;
    if (payloadBytes % frameBytes !== 0) {
      throw new Error(`block at offset ${offset} holds ${payloadBytes} bytes, not a whole number of ${frameBytes}-byte frames`);
    }
    const frames = payloadBytes / frameBytes;
    const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
    for (let frame = 0; frame < frames; frame++) {
      for (let channel = 0; channel < format.channels; channel++) {
        const at = payloadStart + frame * frameBytes + channel * bytesPerSample;
        (channels[channel] as Float32Array)[frame] = format.codec === 'f32' ? view.getFloat32(at, true) : view.getInt16(at, true) / 32768;
      }
    }
    const timestampMs = ((this.clusterTimecode + relativeTimecode) * this.timecodeScaleNs) / 1e6;
    return { timestampMs, frames, sampleRate: format.sampleRate, channels };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * Proves no audio went missing: each block should start where the block before it ends. A block that
 * starts more than `toleranceMs` later is reported. Comparing each block with the one before (not with a
 * start time long ago) keeps a microphone clock that drifts from the system clock from piling up into
 * false gaps; timestamps are whole milliseconds, so the tolerance must exceed 1 ms, and stays under one
 * 10 ms block so a single lost block is caught.
 */
export class GapDetector {
  private expectedMs: number | null = null;

  constructor(private readonly toleranceMs = 5) {}

  check(block: Pick<PcmBlock, 'timestampMs' | 'frames' | 'sampleRate'>): Gap | null {
    const expectedMs = this.expectedMs;
    this.expectedMs = block.timestampMs + (block.frames / block.sampleRate) * 1000;
    if (expectedMs === null) return null;
    const gapMs = block.timestampMs - expectedMs;
    return gapMs > this.toleranceMs ? { atMs: expectedMs, gapMs } : null;
  }
}
