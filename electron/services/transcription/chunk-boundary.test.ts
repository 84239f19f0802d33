// How the chunk planner cuts, shown on word-timed speech: in pauses, with no overlap, so a word is in
// exactly one chunk; only continuous speech gets a hard cut, which can split a word, and then a word both
// chunks wrote is kept once (guards/boundary.ts).
import { describe, expect, it } from 'vitest';
import { ChunkPlanner, type Chunk } from './chunk-planner';
import { dropWordDoubledAtCut } from './guards/boundary';
import type { SpeechRegion } from './speech-gate';
import { mergeTranscripts, type Transcript, type Word } from './transcript';

const PADDING_MS = 150; // the speech gate's padding around speech

/** Phrases of words (250 ms each, gapMs apart), pauseMs between phrases, from 0. */
function speech(phrases: number, wordsPerPhrase: number, gapMs: number, pauseMs: number): Word[] {
  const words: Word[] = [];
  let at = 500;
  for (let p = 0; p < phrases; p++) {
    for (let w = 0; w < wordsPerPhrase; w++) {
      words.push({ text: `w${p}-${w}`, startMs: at, endMs: at + 250 });
      at += 250 + gapMs;
    }
    at += pauseMs - gapMs;
  }
  return words;
}

/** What the gate would mark: the words, padded, merged where they touch. */
function regionsOf(words: readonly Word[]): SpeechRegion[] {
  const out: SpeechRegion[] = [];
  for (const w of words) {
    const r = { startMs: Math.max(0, w.startMs - PADDING_MS), endMs: w.endMs + PADDING_MS };
    const last = out.at(-1);
    if (last && r.startMs <= last.endMs) last.endMs = r.endMs;
    else out.push(r);
  }
  return out;
}

/** A worst-case engine: a chunk writes every word it hears any part of. */
function hear(chunk: Chunk, words: readonly Word[]): Transcript {
  const heard = words.filter((w) => w.endMs > chunk.startMs && w.startMs < chunk.endMs);
  return heard.length === 0
    ? { segments: [] }
    : { segments: [{ startMs: heard[0]!.startMs, endMs: heard.at(-1)!.endMs, text: '', words: heard }] };
}

function plan(words: readonly Word[]): Chunk[] {
  const totalMs = words.at(-1)!.endMs + 1_000;
  return new ChunkPlanner().finish(totalMs, regionsOf(words));
}

describe('chunk boundaries', () => {
  it('cuts speech with pauses only in pauses, without overlap: every word is in one chunk, once', () => {
    // 95 s: phrases of 8 words, 80 ms between words, 700 ms pauses. A pause is a cut point only when the
    // gate's regions leave 300 ms (minPauseMs) between them: 300 ms + 2 x 150 ms padding of silence.
    const words = speech(36, 8, 80, 700);
    const chunks = plan(words);
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    chunks.slice(1).forEach((chunk, i) => expect(chunk.startMs).toBe(chunks[i]!.endMs));
    for (const chunk of chunks.slice(0, -1)) {
      expect(chunk.cut).not.toBe('hard');
      expect(words.some((w) => w.startMs < chunk.endMs && w.endMs > chunk.endMs)).toBe(false);
    }
    const merged = mergeTranscripts(chunks.map((c) => hear(c, words))).segments.flatMap((s) => s.words.map((w) => w.text));
    expect(merged).toEqual(words.map((w) => w.text));
  });

  it('cuts continuous speech hard, which can split a word, and keeps a word written on both sides once', () => {
    // 40 s of words 80 ms apart: no pause of 300 ms, so the first cut is at 30 s, inside a word.
    const words = speech(1, 120, 80, 0);
    const chunks = plan(words);
    const cut = chunks[0]!;
    expect(cut).toMatchObject({ cut: 'hard', endMs: 30_000 });
    const split = words.filter((w) => w.startMs < cut.endMs && w.endMs > cut.endMs);
    expect(split).toHaveLength(1);

    const [before, after] = chunks.slice(0, 2).map((c) => hear(c, words)) as [Transcript, Transcript];
    const joined = dropWordDoubledAtCut(before, after, cut.endMs);
    expect(joined.dropped).toBe(1);
    const merged = mergeTranscripts([before, joined.after]).segments.flatMap((s) => s.words.map((w) => w.text));
    const inBoth = words.filter((w) => w.startMs < chunks[1]!.endMs).map((w) => w.text);
    expect(merged).toEqual(inBoth);
  });
});

describe('dropWordDoubledAtCut', () => {
  const t = (...words: [string, number, number][]): Transcript => ({
    segments: [
      {
        startMs: words[0]![1],
        endMs: words.at(-1)![2],
        text: words.map((w) => w[0]).join(' '),
        words: words.map(([text, startMs, endMs]) => ({ text, startMs, endMs })),
      },
    ],
  });

  it('keeps a different word, and the same word said again away from the cut', () => {
    expect(dropWordDoubledAtCut(t(['the', 29_000, 29_990]), t(['problem', 30_000, 30_400]), 30_000).dropped).toBe(0);
    expect(dropWordDoubledAtCut(t(['no', 27_000, 27_400]), t(['no', 30_100, 30_400]), 30_000).dropped).toBe(0);
  });

  it('drops the second copy of a word at the cut, and a line left empty by it', () => {
    const result = dropWordDoubledAtCut(t(['problem', 29_800, 30_000]), t(['Problem,', 30_000, 30_300], ['then', 30_400, 30_600]), 30_000);
    expect(result.after.segments[0]).toMatchObject({ startMs: 30_400, text: 'then', words: [{ text: 'then' }] });
    expect(dropWordDoubledAtCut(t(['so', 29_800, 30_000]), t(['so', 30_000, 30_200]), 30_000).after.segments).toEqual([]);
  });
});
