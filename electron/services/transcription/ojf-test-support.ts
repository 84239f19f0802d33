// Writes whisper.cpp's `-ojf` file in the engine's exact layout (examples/main/main.cpp output_json:
// tab indentation, the same keys in the same order, "timestamps" beside "offsets"), from a short
// description of segments and tokens. The guards' fixtures (__fixtures__/guard-*.ojf.txt) were written
// with it, and a test checks it reproduces the hand-written two-segments.ojf.txt byte for byte.

export interface FixtureToken {
  /** As the engine writes it: a leading space starts a word; "[_BEG_]", "[_TT_150]", "<|endoftext|>" are specials. */
  text: string;
  from: number;
  to: number;
  id: number;
  p: number;
}
export interface FixtureSegment {
  from: number;
  to: number;
  text: string;
  tokens: FixtureToken[];
}

const HEADER = `{
\t"systeminfo": "AVX = 1 | AVX2 = 1 | AVX512 = 0 | FMA = 1 | NEON = 0 | ARM_FMA = 0 | METAL = 0 | F16C = 1 | FP16_VA = 0 | WASM_SIMD = 0 | BLAS = 0 | SSE3 = 1 | SSSE3 = 1 | VSX = 0 | CUDA = 0 | COREML = 0 | OPENVINO = 0 | ",
\t"model": {
\t\t"type": "base",
\t\t"multilingual": false,
\t\t"vocab": 51864,
\t\t"audio": {
\t\t\t"ctx": 1500,
\t\t\t"state": 512,
\t\t\t"head": 8,
\t\t\t"layer": 6
\t\t},
\t\t"text": {
\t\t\t"ctx": 448,
\t\t\t"state": 512,
\t\t\t"head": 8,
\t\t\t"layer": 6
\t\t},
\t\t"mels": 80,
\t\t"ftype": 1
\t},
\t"params": {
\t\t"model": "models/ggml-base.en.bin",
\t\t"language": "en",
\t\t"translate": false
\t},
\t"result": {
\t\t"language": "en"
\t},
\t"transcription": [
`;

/** whisper.cpp's to_timestamp(t, comma=true): hh:mm:ss,mmm. */
function stamp(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}

/** The engine escapes only `"` and `\` in strings. */
function str(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function times(indent: string, from: number, to: number): string {
  return (
    `${indent}"timestamps": {\n${indent}\t"from": "${stamp(from)}",\n${indent}\t"to": "${stamp(to)}"\n${indent}},\n` +
    `${indent}"offsets": {\n${indent}\t"from": ${from},\n${indent}\t"to": ${to}\n${indent}},\n`
  );
}

export function renderOjf(segments: readonly FixtureSegment[]): string {
  const body = segments.map((segment) => {
    const tokens = segment.tokens.map(
      (t) =>
        `\t\t\t\t{\n\t\t\t\t\t"text": ${str(t.text)},\n${times('\t\t\t\t\t', t.from, t.to)}\t\t\t\t\t"id": ${t.id},\n\t\t\t\t\t"p": ${t.p}\n\t\t\t\t}`,
    );
    return `\t\t{\n${times('\t\t\t', segment.from, segment.to)}\t\t\t"text": ${str(segment.text)},\n\t\t\t"tokens": [\n${tokens.join(',\n')}\n\t\t\t]\n\t\t}`;
  });
  return `${HEADER}${body.join(',\n')}${body.length > 0 ? '\n' : ''}\t]\n}\n`;
}

/**
 * A segment from words: "[_BEG_]" first, then each word as the engine splits it (" word" tokens, with
 * "," / "." / "?" as tokens of their own), then "[_TT_…]" at the segment's end. Word times are [from, to].
 */
export function segmentOf(from: number, to: number, words: readonly [string, number, number][], p = 0.9): FixtureSegment {
  const tokens: FixtureToken[] = [{ text: '[_BEG_]', from, to: from, id: 50363, p: 0.98 }];
  for (const [text, wFrom, wTo] of words) {
    const punct = /[,.?!]$/.exec(text);
    const body = punct ? text.slice(0, -1) : text;
    tokens.push({ text: ` ${body}`, from: wFrom, to: punct ? wTo - 10 : wTo, id: 1000 + tokens.length, p });
    if (punct) tokens.push({ text: punct[0], from: wTo - 10, to: wTo, id: punct[0] === ',' ? 11 : 13, p: 0.8 });
  }
  tokens.push({ text: `[_TT_${Math.round(to / 20)}]`, from: to, to, id: 50363 + Math.round(to / 20), p: 0.1 });
  const text = ` ${words.map(([w]) => w).join(' ')}`;
  return { from, to, text, tokens };
}
