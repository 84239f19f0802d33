// Which sentences of a take might support a checklist item: those containing one of the item's cue
// phrases. Only a suggestion: the person decides what to attach.
import type { ChecklistItem } from '../content/culture-checklist';
import type { Sentence } from './sentences';

/** Lowercase, with typographic apostrophes as straight ones and runs of spaces as one. */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[‘’]/g, "'").replace(/\s+/g, ' ').trim();
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{N}/u;

/** Whether a cue starting with `first` may not start right after `before`: both letters, or both digits. */
function joined(before: string, first: string): boolean {
  return (LETTER.test(before) && LETTER.test(first)) || (DIGIT.test(before) && DIGIT.test(first));
}

/**
 * Whether `text` contains `cue` starting at the beginning of a word: "own" is in "my own call" and
 * "owning" but not in "down", "now i" not in "know i"; "k a year" is in "120k a year", ",000" in
 * "90,000". Both must already be normalised (see normalise).
 */
export function containsCue(text: string, cue: string): boolean {
  const first = cue[0];
  if (first === undefined) return false;
  for (let at = text.indexOf(cue); at !== -1; at = text.indexOf(cue, at + 1)) {
    if (at === 0 || !joined(text[at - 1] ?? '', first)) return true;
  }
  return false;
}

/** The sentences containing any of the item's cues: those matching most distinct cues first, then the earliest. */
export function suggestEvidence(sentences: readonly Sentence[], item: Pick<ChecklistItem, 'cues'>): Sentence[] {
  const cues = [...new Set(item.cues.map(normalise).filter((cue) => cue !== ''))];
  if (cues.length === 0) return [];
  const scored: { sentence: Sentence; matched: number }[] = [];
  for (const sentence of sentences) {
    const text = normalise(sentence.text);
    const matched = cues.filter((cue) => containsCue(text, cue)).length;
    if (matched > 0) scored.push({ sentence, matched });
  }
  return scored.sort((a, b) => b.matched - a.matched || a.sentence.index - b.sentence.index).map(({ sentence }) => sentence);
}

/** suggestEvidence for each item, by item id (an item without suggestions maps to an empty list). */
export function suggestionsFor(
  sentences: readonly Sentence[],
  items: readonly Pick<ChecklistItem, 'id' | 'cues'>[],
): Map<string, Sentence[]> {
  return new Map(items.map((item) => [item.id, suggestEvidence(sentences, item)]));
}
