// Non-speech annotations are not words. Whisper writes what it hears besides speech in brackets,
// parentheses, asterisks or music notes: "[BLANK_AUDIO]", "(laughs)", "[Music]", "(upbeat music)",
// "*sigh*", "♪ la la ♪". They are removed from the words and from the segment's text here, before the
// transcript is kept, so analytics, search and exports never count them as words.
// Limits: only closed marks are removed ("(laughs" with no ")" stays, as it may be speech), and a
// parenthesis the speaker "said" is removed too: the engine never writes spoken words in brackets.
import type { Segment, Transcript, Word } from '../transcript';

/** One annotation: [..], (..), *..* (no space just inside the first *), ♪..♪ / ♫..♫, or a lone note. */
const ANNOTATION = /\[[^\]]*\]|\([^)]*\)|\*[^*\s][^*]*\*|[♪♫][^♪♫]*[♪♫]|[♪♫]/gu;
/** What is left of a word is still a word only if it holds a letter or a digit. */
const WORDLIKE = /[\p{L}\p{N}]/u;

export interface AnnotationResult {
  transcript: Transcript;
  /** Annotations removed (a "(upbeat music)" over two words is one). */
  removed: number;
}

/** Whether `text` is nothing but annotations (and punctuation around them). */
export function isAnnotation(text: string): boolean {
  const rest = text.replace(ANNOTATION, '');
  return rest !== text && !WORDLIKE.test(rest);
}

export function removeAnnotations(transcript: Transcript): AnnotationResult {
  let removed = 0;
  const segments: Segment[] = [];
  for (const segment of transcript.segments) {
    const result = cleanSegment(segment);
    removed += result.removed;
    if (result.segment) segments.push(result.segment);
  }
  return { transcript: { segments }, removed };
}

function cleanSegment(segment: Segment): { segment: Segment | null; removed: number } {
  const textMatches = segment.text.match(ANNOTATION)?.length ?? 0;
  const { words, removed: wordMatches } = cleanWords(segment.words);
  const removed = Math.max(textMatches, wordMatches);
  if (removed === 0) return { segment, removed: 0 };
  const text = tidy(segment.text.replace(ANNOTATION, ' '));
  if (words.length === 0 && !WORDLIKE.test(text)) return { segment: null, removed };
  return { segment: { ...segment, text, words }, removed };
}

/**
 * The words joined with spaces are matched as one string (an annotation can span words: "(upbeat" "music)",
 * or sit inside one: whisper.cpp joins " *" to the word before it, giving "well*sigh*"); each word keeps
 * the characters outside every match, and is dropped when no letter or digit is left.
 */
function cleanWords(words: readonly Word[]): { words: Word[]; removed: number } {
  let joined = '';
  const starts: number[] = [];
  for (const word of words) {
    if (joined !== '') joined += ' ';
    starts.push(joined.length);
    joined += word.text;
  }
  const gone = new Uint8Array(joined.length);
  let removed = 0;
  for (const match of joined.matchAll(ANNOTATION)) {
    removed++;
    gone.fill(1, match.index, match.index + match[0].length);
  }
  if (removed === 0) return { words: [...words], removed: 0 };
  const kept: Word[] = [];
  words.forEach((word, i) => {
    const from = starts[i] as number;
    let text = '';
    for (let c = 0; c < word.text.length; c++) if (gone[from + c] === 0) text += word.text[c];
    text = text.trim();
    if (WORDLIKE.test(text)) kept.push(text === word.text ? word : { ...word, text });
  });
  return { words: kept, removed };
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/ ([,.!?;:])/g, '$1')
    .trim();
}
