import { useEffect, useState } from 'react';
import { SILENT_DB } from '../recording/level-meter';
import type { TakeRecorder } from '../recording/take-recorder';
import { formatClock } from './format';
import { LevelMeterBar } from './LevelMeter';

const REFRESH_MS = 50;

/** The elapsed time and input level, refreshed while a take records; the last take's length otherwise. */
export function RecorderReadout({ take, lastElapsedMs }: { take: TakeRecorder | null; lastElapsedMs: number }) {
  const [live, setLive] = useState({ elapsedMs: 0, levelDb: SILENT_DB });
  useEffect(() => {
    if (!take) return;
    const refresh = () => setLive({ elapsedMs: take.elapsedMs(), levelDb: take.level.read() });
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [take]);
  const elapsedMs = take ? live.elapsedMs : lastElapsedMs;
  return (
    <>
      <div className="timer" role="timer" aria-label="Elapsed time" aria-live="off" data-elapsed-ms={Math.round(elapsedMs)}>
        {formatClock(elapsedMs)}
      </div>
      <LevelMeterBar levelDb={take ? live.levelDb : SILENT_DB} active={take !== null} />
    </>
  );
}
