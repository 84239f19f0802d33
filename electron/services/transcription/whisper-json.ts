// Reads the JSON whisper.cpp's `main` writes with `-ojf` (output JSON, full) into a Transcript.
//
// The file is not always valid JSON, so it is read as bytes and repaired first:
// - strings are escaped for `"` and `\` only: a raw newline or tab inside a token breaks JSON.parse;
// - floats are printed by iostream, so a probability can be `nan` or `inf`;
// - each token is a BPE piece of *bytes*: a character such as "ü" may be split over two tokens, neither
//   valid UTF-8 alone. The file is therefore decoded as latin1 (one char per byte, lossless), tokens are
//   joined into words as byte strings, and only whole words and segment texts are decoded as UTF-8.
//
// Shape (whisper.cpp 1.5.0, examples/main/main.cpp output_json):
//   { "transcription": [ { "offsets": { "from": ms, "to": ms }, "text": " Hello there.",
//       "tokens": [ { "text": "[_BEG_]", "offsets": {...}, "id": 50363, "p": 0.98 }, { "text": " Hello", ... } ] } ] }
// Token offsets are missing when the engine had no timestamp for a token.
import type { Segment, Transcript, Word } from './transcript';

interface RawOffsets {
  from?: unknown;
  to?: unknown;
}
interface RawToken {
  text?: unknown;
  offsets?: RawOffsets;
  p?: unknown;
}
interface RawSegment {
  text?: unknown;
  offsets?: RawOffsets;
  tokens?: unknown;
}

/** Parses `-oj` / `-ojf` output (bytes as written, or an already-decoded string). Throws on malformed JSON. */
export function parseWhisperJson(raw: Buffer | string): Transcript {
  const bytes = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
  let doc: unknown;
  try {
    doc = JSON.parse(repairJson(bytes.toString('latin1')));
  } catch (error) {
    throw new Error(`whisper.cpp wrote malformed JSON: ${(error as Error).message}`, { cause: error });
  }
  const transcription = isObject(doc) ? doc.transcription : undefined;
  if (!Array.isArray(transcription)) throw new Error('whisper.cpp JSON has no "transcription" array');
  return { segments: transcription.map((segment, i) => readSegment(segment, i)) };
}

function readSegment(raw: unknown, index: number): Segment {
  if (!isObject(raw)) throw new Error(`whisper.cpp JSON: transcription[${index}] is not an object`);
  const seg = raw as RawSegment;
  const startMs = num(seg.offsets?.from);
  const endMs = num(seg.offsets?.to);
  if (startMs === null || endMs === null) throw new Error(`whisper.cpp JSON: transcription[${index}] has no offsets`);
  const text = typeof seg.text === 'string' ? utf8(seg.text).trim() : '';
  const tokens = Array.isArray(seg.tokens) ? (seg.tokens as unknown[]).filter(isObject).map((t) => t as RawToken) : [];
  return { startMs, endMs, text, words: joinWords(tokens, startMs, endMs) };
}

interface WordDraft {
  /** latin1 byte string */
  bytes: string;
  startMs: number | null;
  endMs: number | null;
  /** probabilities of the word's non-punctuation tokens, then of its punctuation ones */
  p: number[];
  punctP: number[];
}

/**
 * BPE tokens to words: a token beginning with a space starts a word, any other continues the current one;
 * a spaced token made only of punctuation (" ,", " —", " ...") joins the previous word, except opening
 * brackets and quotes, which start one. Special tokens ([_BEG_], [_TT_123], <|endoftext|>) are skipped.
 */
function joinWords(tokens: RawToken[], segStart: number, segEnd: number): Word[] {
  const drafts: WordDraft[] = [];
  for (const token of tokens) {
    if (typeof token.text !== 'string' || token.text === '' || isSpecialToken(token.text)) continue;
    const text = token.text;
    const spaced = text.startsWith(' ');
    const punct = isPunctuation(text);
    const current = drafts.at(-1);
    let draft: WordDraft;
    if (!current || (spaced && (!punct || OPENING.test(utf8(text).trim())))) {
      draft = { bytes: text, startMs: null, endMs: null, p: [], punctP: [] };
      drafts.push(draft);
    } else {
      draft = current;
      draft.bytes += spaced ? text.replace(/^ +/, '') : text;
    }
    const from = num(token.offsets?.from);
    const to = num(token.offsets?.to);
    if (from !== null && draft.startMs === null) draft.startMs = from;
    if (to !== null) draft.endMs = to;
    const p = num(token.p);
    if (p !== null) (punct ? draft.punctP : draft.p).push(p);
  }
  const words: Word[] = [];
  for (const draft of drafts) {
    const text = utf8(draft.bytes).trim();
    if (text === '') continue;
    const startMs = draft.startMs ?? segStart;
    const endMs = Math.max(startMs, draft.endMs ?? segEnd);
    const ps = draft.p.length > 0 ? draft.p : draft.punctP;
    words.push(ps.length > 0 ? { text, startMs, endMs, p: Math.min(...ps) } : { text, startMs, endMs });
  }
  return words;
}

/** whisper.cpp names its special tokens [_BEG_], [_TT_123], [_EOT_], [_LANG_en], [_extra_token_50300]; OpenAI's vocab writes <|endoftext|>. */
export function isSpecialToken(text: string): boolean {
  return /^\[_[\s\S]*\]$/.test(text) || /^<\|[\s\S]*\|>$/.test(text);
}

const OPENING = /^[\p{Ps}\p{Pi}"'¿¡]/u;

/** A token made only of punctuation (after its leading space); partial UTF-8 decodes to U+FFFD, a symbol, not punctuation. */
function isPunctuation(latin1Text: string): boolean {
  const text = utf8(latin1Text).trim();
  return text !== '' && /^\p{P}+$/u.test(text);
}

function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Escapes raw control characters inside strings and turns bare nan/inf (outside strings) into null. */
export function repairJson(text: string): string {
  let out = '';
  let inString = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: keep the escaped character as it is
      else if (c === 0x22) inString = false;
      else if (c < 0x20) {
        out += text.slice(from, i) + `\\u${c.toString(16).padStart(4, '0')}`;
        from = i + 1;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x2d || c === 0x6e || c === 0x4e || c === 0x69 || c === 0x49) {
      // '-', 'n', 'N', 'i', 'I': the only ways a bare nan/inf can start (a number's '-' is followed by a digit)
      const bare = /^-?(?:nan|inf(?:inity)?)/i.exec(text.slice(i, i + 9));
      if (bare) {
        out += text.slice(from, i) + 'null';
        i += bare[0].length - 1;
        from = i + 1;
      }
    }
  }
  return out + text.slice(from);
}
