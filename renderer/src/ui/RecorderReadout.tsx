import { useEffect, useState } from 'react';
import { SILENT_DB } from '../recording/level-meter';
import type { TakeRecorder } from '../recording/take-recorder';
import { againstTarget, countdown, countdownText } from './countdown';
import { formatClock } from './format';
import { LevelMeterBar } from './LevelMeter';

const REFRESH_MS = 50;

/**
 * The elapsed time, the countdown to the question's target and the input level, refreshed while a take
 * records. After Stop, until the next recording, the last take of this question against its target
 * ("0:40 of 1:45"); before any take, the full target left. The countdown changes colour quietly:
 * nothing is announced.
 */
export function RecorderReadout({
  take,
  lastElapsedMs,
  targetMs,
}: {
  take: TakeRecorder | null;
  /** The length of the last take of this question, or null when there is none to show. */
  lastElapsedMs: number | null;
  targetMs: number;
}) {
  const [live, setLive] = useState({ elapsedMs: 0, levelDb: SILENT_DB });
  useEffect(() => {
    if (!take) return;
    const refresh = () => setLive({ elapsedMs: take.elapsedMs(), levelDb: take.level.read() });
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [take]);
  const elapsedMs = take ? live.elapsedMs : (lastElapsedMs ?? 0);
  const left = countdown(take ? elapsedMs : 0, targetMs);
  const done = !take && lastElapsedMs !== null ? againstTarget(lastElapsedMs, targetMs) : null;
  return (
    <>
      <div className="timer" role="timer" aria-label="Elapsed time" aria-live="off" data-elapsed-ms={Math.round(elapsedMs)}>
        {formatClock(elapsedMs)}
      </div>
      {done ? (
        <div
          className={`countdown countdown-${done.phase}`}
          role="timer"
          aria-label="Take against target"
          aria-live="off"
          data-phase={done.phase}
        >
          {done.text}
        </div>
      ) : (
        <div
          className={`countdown countdown-${left.phase}`}
          role="timer"
          aria-label="Time to target"
          aria-live="off"
          data-phase={left.phase}
        >
          {countdownText(left)}
          <span className="visually-hidden">
            {left.phase === 'red' ? ' (past the target)' : left.phase === 'amber' ? ' (close to the target)' : ''}
          </span>
        </div>
      )}
      <LevelMeterBar levelDb={take ? live.levelDb : SILENT_DB} active={take !== null} />
    </>
  );
}
