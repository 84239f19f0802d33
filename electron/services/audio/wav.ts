// WAV in and out. Takes are written as 16 kHz mono 16-bit PCM behind a canonical 44-byte header; reading
// accepts any uncompressed WAV (8/16/24/32-bit integer, 32-bit float, WAVE_FORMAT_EXTENSIBLE, extra chunks
// such as LIST) and a file cut short by a crash: the data that is there is used and both sizes reported.
import { readFile } from 'node:fs/promises';

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 'pcm': integer samples (unsigned when 8-bit), 'float': IEEE float. */
  format: 'pcm' | 'float';
  /** Where the samples start in the file. */
  dataOffset: number;
  /** Sample bytes present in the file, whole frames only. */
  dataBytes: number;
  /** What the data chunk header claims; more than dataBytes when the file was truncated. */
  declaredDataBytes: number;
  durationMs: number;
}

export interface DecodedWav {
  info: WavInfo;
  /** One array per channel, samples in [-1, 1]. */
  channels: Float32Array[];
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const HEADER_BYTES = 44;

export function wavHeader(opts: { sampleRate: number; channels: number; bitsPerSample: 16; dataBytes: number }): Buffer {
  const { sampleRate, channels, bitsPerSample, dataBytes } = opts;
  if (!Number.isInteger(dataBytes) || dataBytes < 0 || dataBytes > 0xffffffff - (HEADER_BYTES - 8)) {
    throw new Error(`a WAV cannot hold ${dataBytes} data bytes`);
  }
  const blockAlign = (channels * bitsPerSample) / 8;
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(HEADER_BYTES - 8 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bitsPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Float samples in [-1, 1] to 16-bit: scaled by 32768, rounded, clamped to the int16 range. */
/** A complete 16-bit mono WAV file holding `samples`. */
export function encodeMonoWav(samples: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return Buffer.concat([wavHeader({ sampleRate, channels: 1, bitsPerSample: 16, dataBytes: data.length }), data]);
}

export function floatToInt16(samples: Float32Array): Int16Array {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    out[i] = Math.max(-32768, Math.min(32767, Math.round((samples[i] as number) * 32768)));
  }
  return out;
}

export function readWavInfo(buf: Buffer): WavInfo {
  if (buf.length < 12 || buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file: no RIFF/WAVE header');
  }
  let fmt: Pick<WavInfo, 'sampleRate' | 'channels' | 'bitsPerSample' | 'format'> | null = null;
  let data: { offset: number; declared: number } | null = null;
  for (let at = 12; at + 8 <= buf.length;) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = readFmt(buf.subarray(at + 8, at + 8 + size));
    if (id === 'data' && !data) data = { offset: at + 8, declared: size };
    at += 8 + size + (size % 2);
  }
  if (!fmt) throw new Error('not a usable WAV file: no fmt chunk');
  if (!data) throw new Error('not a usable WAV file: no data chunk');
  const frameBytes = (fmt.channels * fmt.bitsPerSample) / 8;
  const present = Math.min(data.declared, buf.length - data.offset);
  const dataBytes = present - (present % frameBytes);
  return {
    ...fmt,
    dataOffset: data.offset,
    dataBytes,
    declaredDataBytes: data.declared,
    durationMs: (dataBytes / frameBytes / fmt.sampleRate) * 1000,
  };
}

function readFmt(chunk: Buffer): Pick<WavInfo, 'sampleRate' | 'channels' | 'bitsPerSample' | 'format'> {
  if (chunk.length < 16) throw new Error(`the WAV fmt chunk is ${chunk.length} bytes, expected at least 16`);
  const tag = chunk.readUInt16LE(0);
  const channels = chunk.readUInt16LE(2);
  const sampleRate = chunk.readUInt32LE(4);
  const bitsPerSample = chunk.readUInt16LE(14);
  // WAVE_FORMAT_EXTENSIBLE keeps the real format tag in the first two bytes of its SubFormat GUID.
  const code = tag === WAVE_FORMAT_EXTENSIBLE && chunk.length >= 26 ? chunk.readUInt16LE(24) : tag;
  const format = code === WAVE_FORMAT_PCM ? 'pcm' : code === WAVE_FORMAT_IEEE_FLOAT ? 'float' : null;
  if (!format) throw new Error(`unsupported WAV format tag 0x${code.toString(16)}: only PCM and IEEE float are read`);
  const supported = format === 'pcm' ? [8, 16, 24, 32] : [32];
  if (!supported.includes(bitsPerSample)) throw new Error(`unsupported WAV sample size: ${bitsPerSample}-bit ${format}`);
  if (channels < 1 || sampleRate < 1) throw new Error(`invalid WAV fmt: ${channels} channels at ${sampleRate} Hz`);
  return { sampleRate, channels, bitsPerSample, format };
}

export function decodeWav(buf: Buffer): DecodedWav {
  const info = readWavInfo(buf);
  const bytesPerSample = info.bitsPerSample / 8;
  const frames = info.dataBytes / (bytesPerSample * info.channels);
  const read = sampleReader(buf, info);
  const channels = Array.from({ length: info.channels }, (_, channel) => {
    const samples = new Float32Array(frames);
    for (let frame = 0; frame < frames; frame++) {
      samples[frame] = read(info.dataOffset + (frame * info.channels + channel) * bytesPerSample);
    }
    return samples;
  });
  return { info, channels };
}

function sampleReader(buf: Buffer, info: WavInfo): (at: number) => number {
  if (info.format === 'float') return (at) => buf.readFloatLE(at);
  switch (info.bitsPerSample) {
    case 8:
      return (at) => ((buf[at] as number) - 128) / 128;
    case 16:
      return (at) => buf.readInt16LE(at) / 32768;
    case 24:
      return (at) => buf.readIntLE(at, 3) / 8388608;
    default:
      return (at) => buf.readInt32LE(at) / 2147483648;
  }
}

export async function readWavFile(path: string): Promise<DecodedWav> {
  return decodeWav(await readFile(path));
}
