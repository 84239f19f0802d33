import { useEffect, useState } from 'react';
import { SILENT_DB } from '../recording/level-meter';
import type { TakeRecorder } from '../recording/take-recorder';
import { countdown, countdownText } from './countdown';
import { formatClock } from './format';
import { LevelMeterBar } from './LevelMeter';

const REFRESH_MS = 50;

/**
 * The elapsed time, the countdown to the question's target and the input level, refreshed while a take
 * records; the last take's length otherwise. The countdown changes colour quietly: nothing is announced.
 */
export function RecorderReadout({ take, lastElapsedMs, targetMs }: { take: TakeRecorder | null; lastElapsedMs: number; targetMs: number }) {
  const [live, setLive] = useState({ elapsedMs: 0, levelDb: SILENT_DB });
  useEffect(() => {
    if (!take) return;
    const refresh = () => setLive({ elapsedMs: take.elapsedMs(), levelDb: take.level.read() });
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [take]);
  const elapsedMs = take ? live.elapsedMs : lastElapsedMs;
  const left = countdown(take ? elapsedMs : 0, targetMs);
  return (
    <>
      <div className="timer" role="timer" aria-label="Elapsed time" aria-live="off" data-elapsed-ms={Math.round(elapsedMs)}>
        {formatClock(elapsedMs)}
      </div>
      <div className={`countdown countdown-${left.phase}`} role="timer" aria-label="Time to target" aria-live="off" data-phase={left.phase}>
        {countdownText(left)}
        <span className="visually-hidden">
          {left.phase === 'red' ? ' (past the target)' : left.phase === 'amber' ? ' (close to the target)' : ''}
        </span>
      </div>
      <LevelMeterBar levelDb={take ? live.levelDb : SILENT_DB} active={take !== null} />
    </>
  );
}
