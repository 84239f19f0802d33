// Brings the microphone's rate (44.1 or 48 kHz) down to the 16 kHz the takes are stored at, chunk by
// chunk as the audio arrives, with libsamplerate's band-limited sinc converter (WebAssembly). Chunked
// output equals converting the whole signal at once; flush() drains the filter's look-ahead at the end.
// The package is a UMD bundle: Node's ESM loader (Vitest) sees only its default export, so use that.
import LibSampleRate from '@alexanderolsen/libsamplerate-js';

export interface Resampler {
  /** Converts the next chunk; returns what the filter can already emit (it holds back a few samples). */
  process(mono: Float32Array): Float32Array;
  /** Ends the stream: returns the held-back tail, so the total is round(inputSamples × outputRate / inputRate). */
  flush(): Float32Array;
  destroy(): void;
}

/** 60 s of 44.1 kHz mono in 250 ms chunks take about 1 s on the dev machine (fastest: 0.5 s, best: 3 s). */
const CONVERTER = LibSampleRate.ConverterType.SRC_SINC_MEDIUM_QUALITY;

export async function createResampler(inputRate: number, outputRate = 16_000): Promise<Resampler> {
  if (inputRate === outputRate) {
    return { process: (mono) => mono.slice(), flush: () => new Float32Array(0), destroy: () => undefined };
  }
  const src = await LibSampleRate.create(1, inputRate, outputRate, { converterType: CONVERTER });
  let inputSamples = 0;
  let outputSamples = 0;
  let flushed = false;

  const convert = (mono: Float32Array): Float32Array => {
    if (flushed) throw new Error('the resampler was already flushed');
    const out = mono.length > 0 ? src.full(mono) : new Float32Array(0);
    outputSamples += out.length;
    return out;
  };

  return {
    process(mono) {
      inputSamples += mono.length;
      return convert(mono);
    },
    flush() {
      // libsamplerate-js never sets end_of_input, so push silence through until the real tail is out.
      const total = Math.round((inputSamples * outputRate) / inputRate);
      const silence = new Float32Array(Math.ceil(inputRate / 10));
      const tail: Float32Array[] = [];
      while (outputSamples < total) tail.push(convert(silence));
      flushed = true;
      const joined = concatSamples(tail);
      return joined.subarray(0, joined.length - (outputSamples - total));
    },
    destroy: () => src.destroy(),
  };
}

/** Averages the channels (a 2-channel capture of one microphone has the same signal twice). */
export function downmixToMono(channels: Float32Array[]): Float32Array {
  const [first, ...rest] = channels;
  if (!first) throw new Error('downmixToMono needs at least one channel');
  if (rest.length === 0) return first;
  const mono = new Float32Array(first.length);
  for (const channel of channels) {
    if (channel.length !== first.length) throw new Error('downmixToMono: channels differ in length');
    for (let i = 0; i < mono.length; i++) mono[i] = (mono[i] as number) + (channel[i] as number);
  }
  for (let i = 0; i < mono.length; i++) mono[i] = (mono[i] as number) / channels.length;
  return mono;
}

/** Joins consecutive blocks of samples into one array. */
export function concatSamples(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
