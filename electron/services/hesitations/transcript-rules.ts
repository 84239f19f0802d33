// What the transcript says about each heard candidate, when there is one with words.
//
//   1. A candidate that overlaps a transcribed filler ("um", "uh", … as electron/shared/analytics/fillers.ts
//      defines them; whisper's word times are loose, so within fillerToleranceMs counts) is that filler:
//      it is kept once, marked transcribed, with the filler's text. Several candidates on one filler word
//      become one.
//   2. Otherwise, a candidate that lies mostly (insideShare of its length) within one recognised word is
//      part of that word: a held vowel of at least drawnOutMinMs makes the word "drawn-out" ("sooo",
//      "theee"), kept once per word with the word's text and never counted as a filler; a shorter one
//      is an ordinary vowel and is dropped.
//   3. Anything else stands on its own: heard, not in the transcript.
// Without words (no model yet, or nothing recognised) every candidate stands on its own.
//
// Known limit: whisper, dropping an "um", sometimes stretches a neighbouring word's times over it; such a
// filler then reads as that word drawn out (not counted, but still shown).
import type { Transcript } from '../../shared/contract';
import { spokenWords, type SpokenWord } from '../../shared/analytics/words';
import type { HeardKind } from './classify';

export const TRANSCRIPT_RULES = {
  fillerToleranceMs: 100,
  insideShare: 0.5,
  drawnOutMinMs: 250,
} as const;

export interface Heard {
  startMs: number;
  endMs: number;
  kind: HeardKind;
  score: number;
}

export interface Judged {
  startMs: number;
  endMs: number;
  kind: HeardKind | 'drawn-out';
  score: number;
  transcribed: boolean;
  word?: string;
}

export function applyTranscript(heard: readonly Heard[], transcript: Transcript | null | undefined): Judged[] {
  const words = transcript ? spokenWords(transcript) : [];
  if (words.length === 0) return heard.map((h) => ({ ...h, transcribed: false }));
  const fillers = words.filter((w) => w.filler !== null);
  const others = words.filter((w) => w.filler === null);
  const byWord = new Map<SpokenWord, Judged>();
  const out: Judged[] = [];
  /** One hesitation per word: a second candidate on the same word widens the first. */
  const once = (word: SpokenWord, judged: Judged) => {
    const known = byWord.get(word);
    if (!known) {
      byWord.set(word, judged);
      out.push(judged);
      return;
    }
    // the longer candidate's kind, the better score, both spans
    if (judged.endMs - judged.startMs > known.endMs - known.startMs) known.kind = judged.kind;
    known.startMs = Math.min(known.startMs, judged.startMs);
    known.endMs = Math.max(known.endMs, judged.endMs);
    known.score = Math.max(known.score, judged.score);
  };
  for (const h of heard) {
    const filler = fillers.find(
      (w) => w.startMs - TRANSCRIPT_RULES.fillerToleranceMs < h.endMs && h.startMs < w.endMs + TRANSCRIPT_RULES.fillerToleranceMs,
    );
    if (filler) {
      once(filler, { ...h, transcribed: true, word: filler.text });
      continue;
    }
    const host = mostOverlapping(h, others);
    if (host && host.overlap >= TRANSCRIPT_RULES.insideShare * (h.endMs - h.startMs)) {
      if (h.endMs - h.startMs >= TRANSCRIPT_RULES.drawnOutMinMs)
        once(host.word, { ...h, kind: 'drawn-out', transcribed: false, word: host.word.text });
      continue;
    }
    out.push({ ...h, transcribed: false });
  }
  return out;
}

function mostOverlapping(h: Heard, words: readonly SpokenWord[]): { word: SpokenWord; overlap: number } | null {
  let best: { word: SpokenWord; overlap: number } | null = null;
  for (const word of words) {
    const overlap = Math.min(h.endMs, word.endMs) - Math.max(h.startMs, word.startMs);
    if (overlap > 0 && (!best || overlap > best.overlap)) best = { word, overlap };
  }
  return best;
}
