// Two takes of one question side by side: each transcript with the word diff marked (words only in the
// first struck through as removed, words only in the second underlined as added, each with hidden text
// so screen readers say so), the metrics with their difference, and the checklist ticks of both.
import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { Transcript } from '../../../electron/shared/contract';
import type { Attempt, StoredQuestion } from '../data/db';
import { useTranscript } from '../data/transcript-repo';
import { db } from '../data/use-app-data';
import { compareTakes, type MetricKey, type MetricRow } from '../history/compare';
import { diffTranscriptWords, type DiffWord, type WordDiff } from '../history/word-diff';
import { formatWhen } from './format';

const MINUS = '\u2212';

/** A value the screen shows as a dash and a screen reader reads as words. */
function Missing({ label }: { label: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="visually-hidden">{label}</span>
    </>
  );
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function formatValue(key: MetricKey, value: number): string {
  switch (key) {
    case 'overTarget':
      return value === 0 ? 'on target' : `${Math.abs(value)} s ${value > 0 ? 'over' : 'under'}`;
    case 'wpm':
      return value.toFixed(1);
    case 'fillersPerMin':
      return value.toFixed(1);
    case 'thinkTime':
      return `${value.toFixed(1)} s`;
    case 'iShare':
      return `${Math.round(value * 100)}%`;
    case 'starCovered':
      return `${value} of 4`;
    default:
      return String(value);
  }
}

function formatDelta(key: MetricKey, delta: number): string {
  if (delta === 0) return 'no change';
  const sign = delta > 0 ? '+' : MINUS;
  const size = Math.abs(delta);
  switch (key) {
    case 'overTarget':
      return `${sign}${size} s`;
    case 'wpm':
    case 'fillersPerMin':
      return `${sign}${size.toFixed(1)}`;
    case 'thinkTime':
      return `${sign}${size.toFixed(1)} s`;
    case 'iShare':
      return `${sign}${Math.round(size * 100)} points`;
    default:
      return `${sign}${size}`;
  }
}

function Words({ words }: { words: readonly DiffWord[] }) {
  return <>{words.map((word) => word.text).join(' ')}</>;
}

/** One take's transcript with the diff marked: `side` a shows common and removed words, b common and added. */
function MarkedTranscript({ diff, side }: { diff: WordDiff; side: 'a' | 'b' }) {
  const pieces: ReactNode[] = [];
  diff.parts.forEach((part, index) => {
    if (part.kind === 'same') pieces.push(<Words key={index} words={side === 'a' ? part.words : part.wordsB} />);
    else if (part.kind === 'removed' && side === 'a')
      pieces.push(
        <del key={index}>
          <span className="visually-hidden">[removed: </span>
          <Words words={part.words} />
          <span className="visually-hidden">]</span>
        </del>,
      );
    else if (part.kind === 'added' && side === 'b')
      pieces.push(
        <ins key={index}>
          <span className="visually-hidden">[added: </span>
          <Words words={part.words} />
          <span className="visually-hidden">]</span>
        </ins>,
      );
  });
  if (pieces.length === 0) return <p className="compare-empty">No words were recognised.</p>;
  return (
    <p className="compare-words">
      {pieces.map((piece, index) => (
        <span key={index}>
          {index > 0 && ' '}
          {piece}
        </span>
      ))}
    </p>
  );
}

/** A transcript as plain text, when the other take has none to compare with. */
function PlainTranscript({ transcript }: { transcript: Transcript }) {
  const text = transcript.segments
    .flatMap((segment) => segment.words.map((word) => word.text.trim()))
    .filter((word) => word !== '')
    .join(' ');
  return text === '' ? <p className="compare-empty">No words were recognised.</p> : <p className="compare-words">{text}</p>;
}

function TranscriptColumn({
  attempt,
  side,
  own,
  diff,
}: {
  attempt: Attempt;
  side: 'a' | 'b';
  own: Transcript | null | undefined;
  diff: WordDiff | null;
}) {
  let body: ReactNode;
  if (own === undefined) body = <p className="compare-empty">Loading the transcript…</p>;
  else if (own === null) body = <p className="compare-empty">No transcript to compare.</p>;
  else if (diff) body = <MarkedTranscript diff={diff} side={side} />;
  else body = <PlainTranscript transcript={own} />;
  return (
    <div className="compare-column">
      <h4>Attempt of {formatWhen(attempt.startedAt)}</h4>
      {body}
    </div>
  );
}

function BetterCell({ row, names }: { row: MetricRow; names: { a: string; b: string } }) {
  if (row.direction === null) return <Missing label="not judged" />;
  if (row.better === null) return <>{row.a === null || row.b === null ? <Missing label="cannot tell" /> : 'neither'}</>;
  return (
    <>
      {names[row.better]} <span className="compare-note">({row.direction})</span>
    </>
  );
}

function Tick({ ticked }: { ticked: boolean }) {
  return ticked ? (
    <>
      <span aria-hidden="true">✓</span>
      <span className="visually-hidden">ticked</span>
    </>
  ) : (
    <Missing label="not ticked" />
  );
}

export function CompareView({ a, b, question, onClose }: { a: Attempt; b: Attempt; question: StoredQuestion; onClose(): void }) {
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const transcriptA = useTranscript(db, a.id);
  const transcriptB = useTranscript(db, b.id);

  // Opening the comparison moves focus to it, so keyboard and screen-reader users land on what appeared.
  useEffect(() => {
    headingRef.current?.focus();
  }, [a.id, b.id]);

  const comparison = useMemo(() => compareTakes({ a, b, question, transcriptA, transcriptB }), [a, b, question, transcriptA, transcriptB]);
  const diff = useMemo(
    () => (transcriptA && transcriptB ? diffTranscriptWords(transcriptA, transcriptB) : null),
    [transcriptA, transcriptB],
  );

  const whenA = formatWhen(a.startedAt);
  const whenB = formatWhen(b.startedAt);
  // How the "better" column names the takes: by time where they differ (the history passes the earlier as a).
  const names =
    a.startedAt === b.startedAt
      ? { a: 'First', b: 'Second' }
      : a.startedAt < b.startedAt
        ? { a: 'Earlier', b: 'Later' }
        : { a: 'Later', b: 'Earlier' };
  const score = comparison.checklistScore;

  return (
    <section className="compare" aria-labelledby={headingId}>
      <div className="compare-header">
        <h3 id={headingId} ref={headingRef} tabIndex={-1}>
          Compare attempts
        </h3>
        <button type="button" className="compare-close" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="compare-question">{question.text}</p>

      {diff && (
        <p className="compare-summary">
          {diff.aligned
            ? `Against the first attempt, the second adds ${plural(diff.added, 'word')} and drops ${plural(diff.removed, 'word')}; ${plural(diff.same, 'word')} are the same.`
            : 'These two transcripts are too different to line up word by word, so all of the first is marked removed and all of the second added.'}{' '}
          <span className="compare-note">
            Struck-through words in the first attempt are not in the second; underlined words in the second are new. Case and punctuation
            are ignored.
          </span>
        </p>
      )}
      <div className="compare-columns">
        <TranscriptColumn attempt={a} side="a" own={transcriptA} diff={diff} />
        <TranscriptColumn attempt={b} side="b" own={transcriptB} diff={diff} />
      </div>

      <div className="compare-table-wrap">
        <table className="compare-table">
          <caption>Metrics compared</caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Attempt of {whenA}</th>
              <th scope="col">Attempt of {whenB}</th>
              <th scope="col">Change</th>
              <th scope="col">Better</th>
            </tr>
          </thead>
          <tbody>
            {comparison.metrics.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="number">{row.a === null ? <Missing label="not measured" /> : formatValue(row.key, row.a)}</td>
                <td className="number">{row.b === null ? <Missing label="not measured" /> : formatValue(row.key, row.b)}</td>
                <td className="number">{row.delta === null ? <Missing label="no change to show" /> : formatDelta(row.key, row.delta)}</td>
                <td>
                  <BetterCell row={row} names={names} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="compare-note">
        “Better” is only claimed where there is an honest direction: closer to the target length, a pace nearer 110-150 words per minute,
        fewer fillers, long pauses and vague hedges, and (for behavioural questions) more STAR parts. Counts come from the transcripts, so
        they are only as good as the recognition; fillers also count the ones heard in the audio that you confirmed.
      </p>

      <div className="compare-table-wrap">
        <table className="compare-table">
          <caption>Checklist compared</caption>
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">Principle</th>
              <th scope="col">Attempt of {whenA}</th>
              <th scope="col">Attempt of {whenB}</th>
            </tr>
          </thead>
          <tbody>
            {comparison.checklist.map((item) => (
              <tr key={item.itemId}>
                <th scope="row">{item.text}</th>
                <td>
                  {item.principle}
                  {!item.probed && <span className="compare-note"> (not probed by this question)</span>}
                </td>
                <td className="compare-tick">
                  <Tick ticked={item.a} />
                </td>
                <td className="compare-tick">
                  <Tick ticked={item.b} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                Ticked, of the probed principles’ items
              </th>
              <td className="number">
                {score.a.ticked} of {score.a.total}
              </td>
              <td className="number">
                {score.b.ticked} of {score.b.total}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}
