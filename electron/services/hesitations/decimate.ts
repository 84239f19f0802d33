// 16 kHz → 8 kHz for the hesitation analysis: everything it looks at (pitch up to 400 Hz, formants up to
// ~3.8 kHz) lies below 4 kHz, and half the samples halve the cost of every frame's FFT.
//
// A half-band low-pass (windowed sinc, Hamming, 15 taps) before dropping every other sample: every second
// tap of a half-band filter is zero, so each output sample costs 4 multiply-adds on each side plus the
// centre. It passes 0-3 kHz within 1 dB (-6 dB at 4 kHz, -22 dB at 5 kHz); what aliases from above 4 kHz,
// little, is mostly fricative noise, which the analysis treats as unvoiced anyway.

const SIDE_TAPS = 4; // non-zero taps each side, at offsets ±1, ±3, ±5, ±7

/** The filter's taps at odd offsets 1, 3, 5, 7 (the centre tap is 0.5, even offsets are 0). */
const TAPS: Float64Array = (() => {
  const half = 2 * SIDE_TAPS; // the window reaches offset ±half
  const taps = new Float64Array(SIDE_TAPS);
  for (let j = 0; j < SIDE_TAPS; j++) {
    const n = 2 * j + 1;
    const sinc = Math.sin((Math.PI * n) / 2) / ((Math.PI * n) / 2);
    const hamming = 0.54 + 0.46 * Math.cos((Math.PI * n) / half);
    taps[j] = 0.5 * sinc * hamming;
  }
  return taps;
})();

/** Half the rate: out[i] is the filtered input around in[2i]; samples beyond either end count as 0. */
export function decimateByTwo(samples: Float32Array): Float64Array {
  const out = new Float64Array(samples.length >> 1);
  const reach = 2 * SIDE_TAPS - 1;
  const last = samples.length - 1;
  const [t1, t3, t5, t7] = TAPS as unknown as [number, number, number, number];
  for (let i = 0; i < out.length; i++) {
    const c = 2 * i;
    if (c >= reach && c + reach <= last) {
      out[i] =
        0.5 * (samples[c] as number) +
        t1 * ((samples[c - 1] as number) + (samples[c + 1] as number)) +
        t3 * ((samples[c - 3] as number) + (samples[c + 3] as number)) +
        t5 * ((samples[c - 5] as number) + (samples[c + 5] as number)) +
        t7 * ((samples[c - 7] as number) + (samples[c + 7] as number));
    } else {
      let acc = 0.5 * (samples[c] as number);
      for (let j = 0; j < SIDE_TAPS; j++) {
        const n = 2 * j + 1;
        const before = c - n >= 0 ? (samples[c - n] as number) : 0;
        const after = c + n <= last ? (samples[c + n] as number) : 0;
        acc += (TAPS[j] as number) * (before + after);
      }
      out[i] = acc;
    }
  }
  return out;
}
