// History: every take, grouped by question, newest first; filters, full-text search, delete with undo,
// storage used, progress charts, compare two retakes, and open a take to replay and review it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useDeferredValue, useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api/client';
import { checklistScore } from '../checklist/checklist-state';
import { principlesFor } from '../checklist/use-culture-checklist';
import { CATEGORIES, STAGES, type Category, type Stage } from '../content/question-pack';
import type { Attempt, StoredQuestion } from '../data/db';
import { db } from '../data/use-app-data';
import { questionForTake, sameQuestion } from '../followups/follow-ups';
import { markDeleted, purgeDeleted, UNDO_MS, undoDelete } from '../history/delete-takes';
import { dayBounds, historyRows, type HistoryRow } from '../history/history-list';
import { measuredSearch, SearchIndex, type SnippetPart } from '../history/search-index';
import { BackupControls } from './BackupControls';
import { CompareView } from './CompareView';
import { ExportControls } from './ExportControls';
import { formatBytes, formatClock, formatDuration, formatWhen } from './format';
import { ProgressCharts } from './ProgressCharts';
import { stageLabel } from './QuestionList';
import { TakeReview } from './TakeReview';
import { StoryUsage } from '../stories/StoryUsage';

/** performance.mark names the benchmark reads (npm run bench). */
export const HISTORY_MARKS = { open: 'rehearse:history-open', ready: 'rehearse:history-ready', search: 'rehearse:history-search' } as const;

function useStorageUsage(version: number): string | null {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('storage.usage', {}).then(
      (usage) => {
        if (!live) return;
        const takes = usage.recordingsBytes + usage.transcriptsBytes;
        setText(
          `${usage.takes} take${usage.takes === 1 ? '' : 's'} use ${formatBytes(takes)} on this computer (recordings ${formatBytes(usage.recordingsBytes)}, transcripts ${formatBytes(usage.transcriptsBytes)}); speech models ${formatBytes(usage.modelsBytes)}.` +
            (usage.audioNotice ? ` ${usage.audioNotice}` : ''),
        );
      },
      (error: unknown) => live && setText(`Storage used is unknown: ${error instanceof Error ? error.message : String(error)}`),
    );
    return () => {
      live = false;
    };
  }, [version]);
  return text;
}

/**
 * The search index over every transcript (~15 MB of text for 10,000 takes), loaded only once the person
 * goes to the search box, so opening History does not wait for it.
 */
function useSearchIndex(wanted: boolean): SearchIndex | null {
  const texts = useLiveQuery(async () => (wanted ? db.searchTexts.toArray() : null), [wanted]);
  return useMemo(() => (texts ? new SearchIndex(texts) : null), [texts]);
}

export function HistoryView({ questions }: { questions: StoredQuestion[] }) {
  const headingId = useId();
  const attempts = useLiveQuery(() => db.attempts.toArray(), []);
  const questionsById = useMemo(() => new Map(questions.map((q) => [q.id, q])), [questions]);
  const [searchWanted, setSearchWanted] = useState(false);
  const index = useSearchIndex(searchWanted);

  const [category, setCategory] = useState<Category | 'all'>('all');
  const [stage, setStage] = useState<Stage | 'all'>('all');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [selected, setSelected] = useState<string[]>([]);
  const [openId, setOpenId] = useState<string | null>(null);
  const [comparing, setComparing] = useState<[string, string] | null>(null);
  const [deleted, setDeleted] = useState<{ ids: string[]; at: number } | null>(null);
  const [usageVersion, setUsageVersion] = useState(0);
  const usage = useStorageUsage(usageVersion);

  const hits = useMemo(
    () => (deferredQuery.trim() && index ? measuredSearch(index, deferredQuery, HISTORY_MARKS.search) : null),
    [deferredQuery, index],
  );

  const rows = useMemo(
    () =>
      attempts
        ? historyRows(attempts, questionsById, {
            category,
            stage,
            from: dayBounds(fromDay)?.start ?? null,
            to: dayBounds(toDay)?.end ?? null,
            hits,
          })
        : [],
    [attempts, questionsById, category, stage, fromDay, toDay, hits],
  );
  const takeCount = rows.filter((row) => row.kind === 'take').length;

  // When the undo time is over, the deleted takes go for good (audio included).
  useEffect(() => {
    if (!deleted) return;
    const timer = setTimeout(() => {
      setDeleted(null);
      void purgeDeleted(db, deleted.at, (takeIds) => call('recordings.delete', { takeIds })).then(() => setUsageVersion((v) => v + 1));
    }, UNDO_MS);
    return () => clearTimeout(timer);
  }, [deleted]);

  const remove = useCallback(async (ids: string[]) => {
    const at = Date.now();
    await markDeleted(db, ids, at);
    setSelected((current) => current.filter((id) => !ids.includes(id)));
    setOpenId((current) => (current && ids.includes(current) ? null : current));
    setDeleted({ ids, at });
  }, []);

  const byId = useMemo(() => new Map((attempts ?? []).map((a) => [a.id, a])), [attempts]);
  const selectedTakes = selected.map((id) => byId.get(id)).filter((a): a is Attempt => a !== undefined);
  const canCompare =
    selectedTakes.length === 2 &&
    selectedTakes[0] !== undefined &&
    selectedTakes[1] !== undefined &&
    sameQuestion(selectedTakes[0], selectedTakes[1]);
  const opened = openId ? byId.get(openId) : undefined;
  const comparedA = comparing ? byId.get(comparing[0]) : undefined;
  const comparedB = comparing ? byId.get(comparing[1]) : undefined;

  const [progressScope, setProgressScope] = useState<string>('all');
  const progressAttempts = useMemo(
    // Answers only: a follow-up has its own, shorter target, and would blur a question's trend.
    () =>
      (attempts ?? []).filter(
        (a) => a.deletedAt === undefined && !a.followUp && (progressScope === 'all' || a.questionId === progressScope),
      ),
    [attempts, progressScope],
  );
  const answeredQuestions = useMemo(() => {
    const ids = new Set((attempts ?? []).filter((a) => a.deletedAt === undefined).map((a) => a.questionId));
    return questions.filter((q) => ids.has(q.id));
  }, [attempts, questions]);

  return (
    <section className="history" aria-labelledby={headingId}>
      <h2 id={headingId}>History</h2>
      {usage && <p className="history-usage">{usage}</p>}
      <BackupControls onRestored={() => setUsageVersion((v) => v + 1)} />

      <div className="history-controls">
        <label className="history-search">
          Search transcripts
          <input
            type="search"
            value={query}
            onFocus={() => setSearchWanted(true)}
            onChange={(event) => {
              setSearchWanted(true);
              setQuery(event.target.value);
            }}
            placeholder='e.g. load test, or "I was wrong"'
          />
        </label>
        <label>
          Category
          <select value={category} onChange={(event) => setCategory(event.target.value as Category | 'all')}>
            <option value="all">All</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Stage
          <select value={stage} onChange={(event) => setStage(event.target.value as Stage | 'all')}>
            <option value="all">All</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {stageLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={fromDay} onChange={(event) => setFromDay(event.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={toDay} onChange={(event) => setToDay(event.target.value)} />
        </label>
      </div>
      <p role="status" className="history-count">
        {attempts === undefined
          ? 'Loading…'
          : query.trim() && !index
            ? 'Preparing search…'
            : `${takeCount} take${takeCount === 1 ? '' : 's'}${query.trim() ? ` match “${query.trim()}”` : ''}`}
      </p>

      {deleted && (
        <div className="banner banner-info history-undo" role="status">
          {deleted.ids.length === 1 ? 'Take deleted.' : `${deleted.ids.length} takes deleted.`}{' '}
          <button
            type="button"
            onClick={() => {
              void undoDelete(db, deleted.ids);
              setDeleted(null);
            }}
          >
            Undo
          </button>
        </div>
      )}

      {selected.length > 0 && (
        <div className="history-selection" role="group" aria-label="Selected takes">
          <span>{selected.length} selected</span>
          <button
            type="button"
            disabled={!canCompare}
            onClick={() => canCompare && setComparing([selected[0] as string, selected[1] as string])}
          >
            Compare
          </button>
          {!canCompare && <span className="hint">Select two takes of the same question, or of the same follow-up, to compare them.</span>}
          <ExportControls takeIds={selected} what={`${selected.length} selected take${selected.length === 1 ? '' : 's'}`} />
          <button type="button" onClick={() => void remove(selected)}>
            Delete selected
          </button>
          <button type="button" onClick={() => setSelected([])}>
            Clear selection
          </button>
        </div>
      )}

      {comparing && comparedA && comparedB && questionsById.get(comparedA.questionId) && (
        <CompareView
          a={comparedA.startedAt <= comparedB.startedAt ? comparedA : comparedB}
          b={comparedA.startedAt <= comparedB.startedAt ? comparedB : comparedA}
          question={questionForTake(comparedA, questionsById.get(comparedA.questionId)) as StoredQuestion}
          onClose={() => setComparing(null)}
        />
      )}

      {opened && (
        <OpenedTake
          attempt={opened}
          question={questionsById.get(opened.questionId)}
          parent={opened.followUp ? byId.get(opened.followUp.parentTakeId) : undefined}
          onClose={() => setOpenId(null)}
          onDelete={() => void remove([opened.id])}
        />
      )}

      <TakeRows
        rows={rows}
        snippet={(id) => (hits && index ? index.snippet(id, deferredQuery) : [])}
        searching={hits !== null}
        loaded={attempts !== undefined}
        selected={selected}
        onToggleSelect={(id) => setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]))}
        onOpen={setOpenId}
        onDelete={(id) => void remove([id])}
      />

      <StoryUsage attempts={attempts ?? []} />

      <details className="history-progress">
        <summary>Progress over time</summary>
        <label>
          Takes of
          <select value={progressScope} onChange={(event) => setProgressScope(event.target.value)}>
            <option value="all">All questions</option>
            {answeredQuestions.map((q) => (
              <option key={q.id} value={q.id}>
                {q.text}
              </option>
            ))}
          </select>
        </label>
        <ProgressCharts
          attempts={progressAttempts}
          questions={questions}
          scopeLabel={progressScope === 'all' ? 'all questions' : (questionsById.get(progressScope)?.text ?? '')}
        />
      </details>
    </section>
  );
}

function OpenedTake({
  attempt,
  question: asked,
  parent,
  onClose,
  onDelete,
}: {
  attempt: Attempt;
  question: StoredQuestion | undefined;
  /** The take a follow-up take follows, if it is still here. */
  parent: Attempt | undefined;
  onClose(): void;
  onDelete(): void;
}) {
  const question = questionForTake(attempt, asked);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [attempt.id]);
  return (
    <section className="history-opened" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {question?.text ?? 'A question no longer in the bank'} — {formatWhen(attempt.startedAt)}
      </h3>
      {attempt.followUp && (
        <p className="history-followup-of">
          Follow-up to {parent ? `your answer of ${formatWhen(parent.startedAt)}` : 'an answer since deleted'}
          {asked ? ` to “${asked.text}”` : ''}
        </p>
      )}
      <div className="history-opened-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="button" onClick={onDelete}>
          Delete this take
        </button>
        <ExportControls takeIds={[attempt.id]} what="this take" />
      </div>
      {question && <TakeReview attempt={attempt} question={question} label={`the take of ${formatWhen(attempt.startedAt)}`} />}
    </section>
  );
}

// Fixed row heights (CSS keeps rows to them): with sizes known up front the list never re-measures and
// shifts while scrolling, which with 10,000 rows made the scroll position jump back.
const GROUP_HEIGHT = 48;
const TAKE_HEIGHT = 56;
const SNIPPET_HEIGHT = 28;

function TakeRows({
  rows,
  snippet,
  searching,
  loaded,
  selected,
  onToggleSelect,
  onOpen,
  onDelete,
}: {
  rows: HistoryRow[];
  /** The highlighted snippet of a take's transcript for the current search ([] when not searching). */
  snippet(id: string): SnippetPart[];
  /** Rows then have room for a snippet. */
  searching: boolean;
  loaded: boolean;
  selected: string[];
  onToggleSelect(id: string): void;
  onOpen(id: string): void;
  onDelete(id: string): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual is the list library we chose; it re-renders through its own callback.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: (i) => {
      const row = rows[i];
      if (row?.kind !== 'take') return GROUP_HEIGHT;
      return searching ? TAKE_HEIGHT + SNIPPET_HEIGHT : TAKE_HEIGHT;
    },
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const marked = useRef(false);
  useLayoutEffect(() => {
    if (loaded && !marked.current && (items.length > 0 || rows.length === 0)) {
      marked.current = true;
      performance.mark(HISTORY_MARKS.ready, { detail: { rows: rows.length } });
    }
  }, [loaded, items.length, rows.length]);

  if (loaded && rows.length === 0) return <p className="empty">No takes here yet.</p>;
  return (
    <div ref={scroller} className="history-scroller" data-rows={rows.length}>
      <div role="list" aria-label="Takes" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              className={`history-row history-row-${row.kind}`}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: item.size, transform: `translateY(${item.start}px)` }}
            >
              {row.kind === 'group' ? (
                <h3 className="history-group">
                  {row.question?.text ?? 'A question no longer in the bank'}{' '}
                  <span className="history-group-count">
                    ({row.count} take{row.count === 1 ? '' : 's'})
                  </span>
                </h3>
              ) : (
                <TakeRow
                  row={row}
                  snippet={snippet(row.attempt.id)}
                  selected={selected.includes(row.attempt.id)}
                  onToggleSelect={onToggleSelect}
                  onOpen={onOpen}
                  onDelete={onDelete}
                />
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function TakeRow({
  row,
  snippet,
  selected,
  onToggleSelect,
  onOpen,
  onDelete,
}: {
  row: Extract<HistoryRow, { kind: 'take' }>;
  snippet: SnippetPart[];
  selected: boolean;
  onToggleSelect(id: string): void;
  onOpen(id: string): void;
  onDelete(id: string): void;
}) {
  const { attempt } = row;
  const question = questionForTake(attempt, row.question);
  const name = `${attempt.followUp ? 'follow-up ' : ''}take ${row.number} of ${formatWhen(attempt.startedAt)}`;
  const score = question
    ? checklistScore(
        attempt.checklist,
        principlesFor(question).probed.flatMap((p) => p.items.map((item) => item.id)),
      )
    : null;
  const overMs = question ? attempt.durationMs - question.targetSec * 1000 : null;
  return (
    <div className={`history-take${attempt.followUp ? ' history-take-followup' : ''}`} data-take-id={attempt.id}>
      {attempt.followUp && (
        <p className="history-followup-label">
          {row.underParent ? 'Follow-up' : 'Follow-up (its answer is not listed)'}: {attempt.followUp.text}
        </p>
      )}
      <input type="checkbox" checked={selected} onChange={() => onToggleSelect(attempt.id)} aria-label={`Select ${name}`} />
      <button type="button" className="history-open" onClick={() => onOpen(attempt.id)} aria-label={`Open ${name}`}>
        {formatWhen(attempt.startedAt)}
      </button>
      <span className="history-metric" title="Length">
        {formatDuration(attempt.durationMs)}
        {overMs !== null && question && <span className="history-note"> of {formatClock(question.targetSec * 1000)}</span>}
      </span>
      <span className="history-metric">{attempt.metrics?.wpm != null ? `${attempt.metrics.wpm} wpm` : '– wpm'}</span>
      <span className="history-metric">
        {attempt.metrics?.fillersPerMin != null ? `${attempt.metrics.fillersPerMin} fillers/min` : '– fillers/min'}
      </span>
      <span className="history-metric">{score ? `checklist ${score.ticked}/${score.total}` : ''}</span>
      <button type="button" className="history-delete" onClick={() => onDelete(attempt.id)} aria-label={`Delete ${name}`}>
        Delete
      </button>
      {snippet.length > 0 && (
        <p className="history-snippet">
          {snippet.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
        </p>
      )}
    </div>
  );
}
