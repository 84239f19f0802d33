// The transcript as the metrics see it: spoken words with times, and a token stream for phrase matching.
//
// Spoken words (spokenWords): every transcript word, in transcript order across segments, whose trimmed
// text contains at least one letter or digit. Pure punctuation tokens ("%", "—", "...") are not words.
// Fillers are words. Nothing is re-sorted: whisper's segments are already in time order.
//
// Tokens (phraseTokens), for hedges, calibrated uncertainty, ownership, repeated phrases and STAR cues:
// every transcript word (punctuation-only ones too) except fillers, lowercased, with
//   - curly apostrophes made straight ("I’d" → "i'd"),
//   - "%" read as the word "percent" ("70%" and "70" + "%" both → "70 percent"), "per cent" → "percent",
//   - every other character that is not a letter, digit, apostrophe or a dot between digits made a space,
//     so "two-way" → "two way", "Well." → "well", "2.5" stays "2.5",
//   - apostrophes at either end of a token dropped ("'cause" → "cause").
// Fillers are left out so "I'd, um, estimate" still reads "i'd estimate". A phrase therefore matches on
// whole tokens only ("i think" never matches "i thinking"), and may run across segments and sentences.
import type { Transcript } from '../contract';
import { fillerForm } from './fillers';

export interface SpokenWord {
  /** The transcript's text, trimmed ("Um,"). */
  text: string;
  startMs: number;
  endMs: number;
  /** The filler as counted ("um") when the word is a filler, else null. */
  filler: string | null;
}

export interface PhraseCount {
  phrase: string;
  count: number;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True when the text, trimmed, has a letter or a digit: a word, not a punctuation token. */
export function isSpokenWord(text: string): boolean {
  return LETTER_OR_DIGIT.test(text.trim());
}

export function spokenWords(transcript: Transcript): SpokenWord[] {
  const words: SpokenWord[] = [];
  for (const segment of transcript.segments) {
    for (const word of segment.words) {
      const text = word.text.trim();
      if (isSpokenWord(text)) words.push({ text, startMs: word.startMs, endMs: word.endMs, filler: fillerForm(text) });
    }
  }
  return words;
}

/** One transcript word's text as tokens (see the top of this file). */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/%/g, ' percent ')
    .replace(/[^\p{L}\p{N}'.]+/gu, ' ')
    .replace(/(?<!\d)\.|\.(?!\d)/g, ' ')
    .split(/\s+/)
    .map((token) => token.replace(/^'+|'+$/g, ''))
    .filter((token) => token !== '');
}

export function phraseTokens(transcript: Transcript): string[] {
  const tokens: string[] = [];
  for (const segment of transcript.segments) {
    for (const word of segment.words) {
      if (fillerForm(word.text) !== null) continue;
      for (const token of tokenize(word.text)) {
        if (token === 'cent' && tokens.at(-1) === 'per') tokens[tokens.length - 1] = 'percent';
        else tokens.push(token);
      }
    }
  }
  return tokens;
}

/** A phrase found at a token position: what to report, and how many tokens it covers. */
export interface Match {
  phrase: string;
  length: number;
}
export type Matcher = (tokens: readonly string[], at: number) => Match | null;

/** True when `parts` appear in `tokens` starting at `at`. */
export function startsWith(tokens: readonly string[], at: number, parts: readonly string[]): boolean {
  return parts.every((part, k) => tokens[at + k] === part);
}

/**
 * Matches fixed phrases (space-separated tokens, e.g. "i'm not sure"), longest first. `skip` can refuse a
 * match in context (a "kind of" after "what").
 */
export function phraseMatcher(
  phrases: readonly string[],
  skip?: (tokens: readonly string[], at: number, phrase: string) => boolean,
): Matcher {
  const byLength = phrases.map((phrase) => ({ phrase, parts: phrase.split(' ') })).sort((a, b) => b.parts.length - a.parts.length);
  return (tokens, at) => {
    for (const { phrase, parts } of byLength) {
      if (startsWith(tokens, at, parts) && !skip?.(tokens, at, phrase)) return { phrase, length: parts.length };
    }
    return null;
  };
}

/**
 * Counts non-overlapping matches, reading left to right: at each position the longest match of any
 * matcher wins and its tokens are used up ("i think maybe" counts once, not also as "maybe").
 * Most frequent first; ties keep the order in which they were first said.
 */
export function countMatches(tokens: readonly string[], matchers: readonly Matcher[]): PhraseCount[] {
  const counts = new Map<string, number>();
  let at = 0;
  while (at < tokens.length) {
    let best: Match | null = null;
    for (const matcher of matchers) {
      const found = matcher(tokens, at);
      if (found && (!best || found.length > best.length)) best = found;
    }
    if (best) {
      counts.set(best.phrase, (counts.get(best.phrase) ?? 0) + 1);
      at += best.length;
    } else {
      at += 1;
    }
  }
  return [...counts].map(([phrase, count]) => ({ phrase, count })).sort((a, b) => b.count - a.count);
}

export function total(counts: readonly PhraseCount[]): number {
  return counts.reduce((sum, c) => sum + c.count, 0);
}
