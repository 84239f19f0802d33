// The transcript in the replay player, word by word: paragraphs of a segment's words, each word a button
// (the one being spoken highlighted), with the heard fillers' markers between them. Memoised per
// segment, so the word changing re-renders the one or two segments holding the old and the new word.
import { memo } from 'react';
import type { JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import { formatClock } from '../ui/format';
import { TranscriptMarker } from './HeardFillers';
import type { TimedWord } from './word-timeline';

export interface Segment {
  key: string;
  words: TimedWord[];
  /** Global indexes of its first and last word (a segment's words are consecutive). */
  first: number;
  last: number;
}

export const within = (segment: Segment, index: number) => index >= segment.first && index <= segment.last;

/** Consecutive words of the same transcript segment, shown as one paragraph. */
export function groupBySegment(words: TimedWord[]): Segment[] {
  const groups: Segment[] = [];
  for (const word of words) {
    const last = groups.at(-1);
    if (last && last.words[0]?.segment === word.segment) {
      last.words.push(word);
      last.last = word.index;
    } else groups.push({ key: `${word.segment}-${word.index}`, words: [word], first: word.index, last: word.index });
  }
  return groups;
}

const WordButton = memo(function WordButton({ word, current, tabbable }: { word: TimedWord; current: boolean; tabbable: boolean }) {
  return (
    <button
      type="button"
      className={current ? 'replay-word replay-word-current' : 'replay-word'}
      aria-current={current ? 'true' : undefined}
      tabIndex={tabbable ? 0 : -1}
      data-index={word.index}
      data-start-ms={word.startMs}
      data-end-ms={word.endMs}
      title={formatClock(word.startMs)}
    >
      {word.text}
    </button>
  );
});

function Markers({ items }: { items: readonly JudgedFiller[] | undefined }) {
  return items?.map((item) => (
    <span key={`heard-${item.hesitation.startMs}`}>
      {' '}
      <TranscriptMarker item={item} />
    </span>
  ));
}

/**
 * One segment's words; `current` and `tabStop` are global indexes, or -1 when not in this segment.
 * `markers`: heard fillers after a word's index (-1: before the first word, shown in the first segment).
 */
export const SegmentWords = memo(function SegmentWords({
  words,
  current,
  tabStop,
  markers,
  first,
}: {
  words: TimedWord[];
  current: number;
  tabStop: number;
  markers: ReadonlyMap<number, JudgedFiller[]>;
  first: boolean;
}) {
  return (
    <p className="replay-segment">
      {first && <Markers items={markers.get(-1)} />}
      {words.map((word, i) => (
        <span key={word.index}>
          {(i > 0 || (first && markers.has(-1))) && ' '}
          <WordButton word={word} current={word.index === current} tabbable={word.index === tabStop} />
          <Markers items={markers.get(word.index)} />
        </span>
      ))}
    </p>
  );
});
