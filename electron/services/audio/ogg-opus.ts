// A finished take's compact form: Opus (libopus, through libopus-wasm) in an Ogg file (written and read by
// mediabunny), 16 kHz mono speech at 24 kbit/s VBR, about 180 KB a minute instead of 1.9 MB of WAV.
// Chromium plays it (replay), and decoding goes straight back to 16 kHz for the speech engine.
// Both libraries are pure JS/WebAssembly, so the same code runs in Electron's main and the browser host.
import { Application, createDecoder, createEncoder, Signal } from 'libopus-wasm';
import {
  ALL_FORMATS,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedPacketSink,
  FilePathSource,
  Input,
  OggOutputFormat,
  Output,
  StreamTarget,
  type StreamTargetChunk,
} from 'mediabunny';

export const OPUS_SAMPLE_RATE = 16_000;
/** Wideband speech is clean at 24 kbit/s (measured in bench/storage-bench.ts; the issue allows up to ~40). */
export const OPUS_BITRATE = 24_000;
export const OGG_OPUS_MIME = 'audio/ogg; codecs=opus';

/** Frames (20 ms each) coded between two turns of the event loop: main keeps answering while it works. */
const FRAMES_PER_TURN = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface CodingOptions {
  /** Asked between pieces of work; true stops it with an InterruptedError. */
  interrupted?: () => boolean;
}

export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

/** Where the encoder's bytes go: mediabunny tells the position of each piece. */
export interface ByteSink {
  write(data: Uint8Array, position: number): Promise<void>;
}

/**
 * Encodes 16 kHz mono 16-bit samples, given in pieces of any length, into an Ogg Opus stream written to
 * `sink`. The stream's length (its last granule position minus the pre-skip) is exactly the input's.
 */
export async function encodeOggOpus(
  pieces: AsyncIterable<Int16Array>,
  sink: ByteSink,
  options: CodingOptions = {},
): Promise<{ samples: number }> {
  const encoder = await createEncoder({
    sampleRate: OPUS_SAMPLE_RATE,
    channels: 1,
    application: Application.Voip,
    signal: Signal.Voice,
    bitrate: OPUS_BITRATE,
    // 5 of 10: on jfk.wav the same size and waveform fidelity as 10 (correlation 0.983 either way), at a
    // third of the CPU time, which matters for the background conversion of long takes on a laptop.
    complexity: 5,
  });
  try {
    const frame = encoder.frameSize;
    const preSkip = encoder.getLookahead();
    const output = new Output({
      format: new OggOutputFormat(),
      target: new StreamTarget(new WritableStream<StreamTargetChunk>({ write: (chunk) => sink.write(chunk.data, chunk.position) }), {
        chunked: false,
      }),
    });
    const source = new EncodedAudioPacketSource('opus');
    output.addAudioTrack(source);
    await output.start();

    const pending = new Int16Array(frame);
    let filled = 0;
    let encoded = 0;
    let total = 0;
    let frames = 0;
    const add = async (duration: number) => {
      if (++frames % FRAMES_PER_TURN === 0) {
        await nextTurn();
        if (options.interrupted?.()) throw new InterruptedError();
      }
      const meta =
        encoded === 0
          ? { decoderConfig: { codec: 'opus', numberOfChannels: 1, sampleRate: 48_000, description: opusHead(preSkip) } }
          : undefined;
      const packet = new EncodedPacket(encoder.encode(pending), 'key', encoded / OPUS_SAMPLE_RATE, duration / OPUS_SAMPLE_RATE);
      await source.add(packet, meta);
      encoded += duration;
      pending.fill(0);
      filled = 0;
    };
    for await (const piece of pieces) {
      total += piece.length;
      for (let at = 0; at < piece.length;) {
        const take = Math.min(frame - filled, piece.length - at);
        pending.set(piece.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === frame) await add(frame);
      }
    }
    // The encoder runs `preSkip` samples behind: feed silence until every input sample is out, and give
    // the last packet only the duration that is audio, so players and decoders end where the take ends.
    const end = total + preSkip;
    while (encoded < end) await add(Math.min(frame, end - encoded));
    await output.finalize();
    return { samples: total };
  } finally {
    encoder.free();
  }
}

/** The Ogg Opus identification header (RFC 7845 §5.1): mono, 16 kHz input, `preSkip` at 16 kHz. */
function opusHead(preSkip: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set(new TextEncoder().encode('OpusHead'));
  head[8] = 1; // version
  head[9] = 1; // channels
  view.setUint16(10, preSkip * (48_000 / OPUS_SAMPLE_RATE), true); // always counted at 48 kHz
  view.setUint32(12, OPUS_SAMPLE_RATE, true);
  return head;
}

export interface DecodedOggOpus {
  /** 16 kHz mono samples, pre-skip removed and cut to the stream's length (empty when not kept). */
  samples: Int16Array;
  /** How many samples decoded, within the stream's length. */
  decodedSamples: number;
  /** The length the container declares (granule positions), in ms. */
  durationMs: number;
}

/**
 * Decodes a whole Ogg Opus file to 16 kHz mono; throws when it is not one or a packet does not decode.
 * With `keepSamples: false` every packet is still decoded, but only counted (a check of a long take), or
 * handed on in order to `onSamples` (valid during the call only) so a long take is never held whole.
 */
export async function decodeOggOpusFile(
  filePath: string,
  options: CodingOptions & { keepSamples?: boolean; onSamples?: (samples: Int16Array) => void } = {},
): Promise<DecodedOggOpus> {
  const keep = options.keepSamples ?? true;
  const input = new Input({ source: new FilePathSource(filePath), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track || track.codec !== 'opus') throw new Error('not an Ogg Opus file: it has no Opus audio');
    const config = await track.getDecoderConfig();
    const preSkip = readPreSkip(config?.description) / (48_000 / OPUS_SAMPLE_RATE);
    const durationSeconds = await track.computeDuration();
    const wanted = Math.round(durationSeconds * OPUS_SAMPLE_RATE);
    const samples = new Int16Array(keep ? wanted : 0);
    const decoder = await createDecoder({ sampleRate: OPUS_SAMPLE_RATE, channels: track.numberOfChannels === 2 ? 2 : 1 });
    try {
      let skip = preSkip;
      let at = 0;
      let packets = 0;
      for await (const packet of new EncodedPacketSink(track).packets()) {
        if (++packets % FRAMES_PER_TURN === 0) {
          await nextTurn();
          if (options.interrupted?.()) throw new InterruptedError();
        }
        const pcm = downmix(decoder.decode(packet.data), track.numberOfChannels);
        const from = Math.min(skip, pcm.length);
        skip -= from;
        const part = pcm.subarray(from, from + Math.max(0, wanted - at));
        if (keep) samples.set(part, at);
        if (part.length > 0) options.onSamples?.(part);
        at += part.length;
      }
      if (at < wanted) throw new Error(`the Opus stream holds ${at} samples, its container declares ${wanted}`);
      return { samples, decodedSamples: at, durationMs: durationSeconds * 1000 };
    } finally {
      decoder.free();
    }
  } finally {
    input.dispose();
  }
}

/** The length an Ogg Opus file declares, in ms, without decoding it. */
export async function oggOpusDurationMs(filePath: string): Promise<number> {
  const input = new Input({ source: new FilePathSource(filePath), formats: ALL_FORMATS });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) throw new Error('not an Ogg Opus file: it has no audio');
    return (await track.computeDuration()) * 1000;
  } finally {
    input.dispose();
  }
}

function readPreSkip(description: unknown): number {
  let bytes: Uint8Array;
  if (ArrayBuffer.isView(description)) bytes = new Uint8Array(description.buffer, description.byteOffset, description.byteLength);
  else if (description instanceof ArrayBuffer) bytes = new Uint8Array(description);
  else return 0;
  return bytes.length >= 12 ? bytes[10]! | (bytes[11]! << 8) : 0;
}

function downmix(pcm: Int16Array, channels: number): Int16Array {
  if (channels !== 2) return pcm;
  const mono = new Int16Array(pcm.length / 2);
  for (let i = 0; i < mono.length; i++) mono[i] = (pcm[2 * i]! + pcm[2 * i + 1]!) >> 1;
  return mono;
}
