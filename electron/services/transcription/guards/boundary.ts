// A word at a cut between two chunks. The chunk planner cuts in pauses and silences, never inside speech
// when it can help it, and chunks do not overlap (chunk-boundary.test.ts shows both): a word is then in
// exactly one chunk. Only a hard cut (no pause of 300 ms within 30 s of speech) can fall inside a word;
// both engine calls may then write that word whole, once on each side of the cut. This removes the second
// one when the two are the same word and both touch the cut.
import type { Transcript } from '../transcript';

/** How near the cut both copies must lie: a split word reaches the cut from both sides. */
export const CUT_WORD_MS = 1_000;

/** `after` without its first word when that word doubles the last word of `before` at a hard cut at cutMs. */
export function dropWordDoubledAtCut(before: Transcript, after: Transcript, cutMs: number): { after: Transcript; dropped: number } {
  const last = before.segments.at(-1)?.words.at(-1);
  const firstSegment = after.segments[0];
  const first = firstSegment?.words[0];
  if (!last || !firstSegment || !first) return { after, dropped: 0 };
  const same = key(last.text) !== '' && key(last.text) === key(first.text);
  const atCut = last.endMs >= cutMs - CUT_WORD_MS && first.startMs <= cutMs + CUT_WORD_MS;
  if (!same || !atCut) return { after, dropped: 0 };
  const words = firstSegment.words.slice(1);
  const rest = after.segments.slice(1);
  if (words.length === 0) return { after: { segments: rest }, dropped: 1 };
  const segment = { ...firstSegment, startMs: words[0]!.startMs, text: words.map((w) => w.text).join(' '), words };
  return { after: { segments: [segment, ...rest] }, dropped: 1 };
}

function key(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '');
}
