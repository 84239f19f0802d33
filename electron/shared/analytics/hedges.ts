// Vague hedges versus calibrated uncertainty.
//
// Both are counted over the phrase tokens (words.ts: lowercased, punctuation stripped, fillers left out,
// "%" read as "percent"), on whole tokens, left to right, each token used at most once, the longest
// phrase winning where several start at one place ("i think maybe" counts once as itself, not also as
// "maybe"). Hedges and calibrated phrases are counted separately ("maybe 70%" is one of each).
//
// Hedge exception: "kind of" and "sort of" are not hedges right after a determiner or possessive
// (KIND_OF_DETERMINERS: "what kind of system", "this sort of thing", "a kind of cache"). The price:
// "that kind of worked" is missed too.
//
// Calibrated uncertainty is a stated probability, naming how reversible a decision is, or naming the cost
// of being wrong:
//   - a number then "percent" (digits "70", "2.5" or up to three number words "seventy five"), optionally
//     followed by confident/sure/certain/likely/chance; reported as "70%", "90% confident",
//     "seventy percent". Any percentage counts, so a result such as "cut costs by 30%" counts too;
//     the phrase list shows which numbers they were;
//   - the fixed phrases in CALIBRATED_PHRASES ("i'd estimate", "odds", "two way door", "downside", …).
import { countMatches, phraseMatcher, startsWith, total, type Match, type Matcher, type PhraseCount } from './words';

export const HEDGE_PHRASES = [
  'maybe',
  'perhaps',
  'probably',
  'possibly',
  'i guess',
  'i suppose',
  'i think maybe',
  'sort of',
  'kind of',
  'kinda',
  'sorta',
  'a little bit',
  'somewhat',
  'more or less',
  'or something',
  "i'm not sure",
  'i am not sure',
  "i'm not really sure",
] as const;

/** "kind of" / "sort of" right after one of these is a noun phrase, not a hedge. */
export const KIND_OF_DETERMINERS = new Set([
  'what',
  'which',
  'this',
  'that',
  'these',
  'those',
  'the',
  'a',
  'an',
  'any',
  'some',
  'every',
  'each',
  'no',
  'one',
  'same',
  'another',
  'my',
  'our',
  'your',
  'their',
  'his',
  'its',
]);

export const CALIBRATED_PHRASES = [
  'confidence of',
  'confidence level',
  "i'd estimate",
  'i would estimate',
  'my estimate',
  'my best estimate',
  'odds',
  'likelihood',
  'probability',
  'fifty fifty',
  'reversible',
  'irreversible',
  'two way door',
  'one way door',
  'roll back',
  'rolled back',
  'roll it back',
  'rollback',
  'cost of being wrong',
  "if i'm wrong",
  'if i am wrong',
  'if i was wrong',
  "if we're wrong",
  'if we are wrong',
  'downside',
  'downsides',
  'worst case',
] as const;

const NUMBER_WORDS = new Set(
  (
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen ' +
    'eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred'
  ).split(' '),
);
const PERCENT_QUALIFIERS = new Set(['confident', 'sure', 'certain', 'likely', 'chance']);
const DIGITS = /^\d+(\.\d+)?$/;

const hedgeMatcher = phraseMatcher(
  HEDGE_PHRASES,
  (tokens, at, phrase) => (phrase === 'kind of' || phrase === 'sort of') && KIND_OF_DETERMINERS.has(tokens[at - 1] ?? ''),
);

/** "70 percent", "2.5 percent confident", "seventy five percent": a number, "percent", maybe a qualifier. */
export const percentMatcher: Matcher = (tokens, at): Match | null => {
  const first = tokens[at] ?? '';
  let end = at;
  if (DIGITS.test(first)) end = at + 1;
  else while (end < at + 3 && NUMBER_WORDS.has(tokens[end] ?? '')) end++;
  if (end === at || !startsWith(tokens, end, ['percent'])) return null;
  const number = tokens.slice(at, end).join(' ');
  const qualifier = tokens[end + 1] ?? '';
  const withQualifier = PERCENT_QUALIFIERS.has(qualifier);
  const phrase = `${DIGITS.test(number) ? `${number}%` : `${number} percent`}${withQualifier ? ` ${qualifier}` : ''}`;
  return { phrase, length: end - at + 1 + (withQualifier ? 1 : 0) };
};

const calibratedMatcher = phraseMatcher(CALIBRATED_PHRASES);

export function countHedges(tokens: readonly string[]): { hedgeCount: number; hedges: PhraseCount[] } {
  const hedges = countMatches(tokens, [hedgeMatcher]);
  return { hedgeCount: total(hedges), hedges };
}

export function countCalibrated(tokens: readonly string[]): { calibratedCount: number; calibrated: PhraseCount[] } {
  const calibrated = countMatches(tokens, [percentMatcher, calibratedMatcher]);
  return { calibratedCount: total(calibrated), calibrated };
}
