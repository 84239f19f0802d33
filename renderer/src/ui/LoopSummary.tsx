// The loop summary: every step's take in one table, then totals over the loop.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef } from 'react';
import type { StoredQuestion } from '../data/db';
import { db } from '../data/use-app-data';
import { summariseLoop } from '../loop/loop-summary';
import { formatClock } from './format';

function vsTarget(answerMs: number, targetMs: number): string {
  const diff = Math.round((answerMs - targetMs) / 1000);
  return diff === 0 ? 'on target' : diff > 0 ? `${diff} s over` : `${-diff} s under`;
}

export function LoopSummary({ loopId, questions, onClose }: { loopId: string; questions: StoredQuestion[]; onClose(): void }) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const data = useLiveQuery(
    async () => ({ loop: await db.loops.get(loopId), attempts: await db.attempts.where('loopId').equals(loopId).toArray() }),
    [loopId],
  );
  const summary = useMemo(() => {
    if (!data?.loop) return null;
    return summariseLoop(data.loop, new Map(data.attempts.map((a) => [a.id, a])), new Map(questions.map((q) => [q.id, q])));
  }, [data, questions]);
  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <section className="loop-summary" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        Loop summary
      </h2>
      {!summary ? (
        <p>{data ? 'This loop no longer exists.' : 'Loading…'}</p>
      ) : (
        <>
          <p>
            {summary.totals.answered} of {summary.totals.steps} questions answered · {formatClock(summary.totals.answerMs)} spoken against{' '}
            {formatClock(summary.totals.targetMs)} of targets · pace {summary.totals.wpm ?? '–'} words/min ·{' '}
            {summary.totals.fillersPerMin ?? '–'} fillers/min · checklist {summary.totals.ticked} of {summary.totals.checklistItems} ticked
          </p>
          <table>
            <caption className="visually-hidden">Every take in the loop</caption>
            <thead>
              <tr>
                <th scope="col">Interview</th>
                <th scope="col">Question</th>
                <th scope="col">Length vs target</th>
                <th scope="col">Words/min</th>
                <th scope="col">Fillers/min</th>
                <th scope="col">Checklist</th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  <td>{row.question?.text ?? 'A question no longer in the bank'}</td>
                  {row.attempt ? (
                    <>
                      <td className="number">
                        {formatClock(row.attempt.durationMs)} of {formatClock(row.targetMs ?? 0)} (
                        {vsTarget(row.attempt.durationMs, row.targetMs ?? 0)})
                      </td>
                      <td className="number">{row.metrics ? (row.metrics.wpm ?? '–') : 'no transcript yet'}</td>
                      <td className="number">{row.metrics ? (row.metrics.fillersPerMin ?? '–') : 'no transcript yet'}</td>
                      <td className="number">
                        {row.checklist
                          ? `${row.checklist.ticked} of ${row.checklist.total} ticked, ${row.checklist.withEvidence} with evidence`
                          : '–'}
                      </td>
                    </>
                  ) : (
                    <td colSpan={4}>Not answered</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div>
        <button type="button" onClick={onClose}>
          Back to mock loops
        </button>
      </div>
    </section>
  );
}
