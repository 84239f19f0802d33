import { SILENT_DB } from '../recording/level-meter';

const FLOOR_DB = -60;

/** A horizontal input level bar, announced as a meter in dBFS. */
export function LevelMeterBar({ levelDb, active, label = 'Input level' }: { levelDb: number; active: boolean; label?: string }) {
  const clamped = Math.max(FLOOR_DB, Math.min(0, levelDb));
  const fraction = (clamped - FLOOR_DB) / -FLOOR_DB;
  const rounded = Math.round(levelDb <= SILENT_DB ? FLOOR_DB : clamped);
  return (
    <div
      className={`level-meter${active ? ' active' : ''}`}
      role="meter"
      aria-label={label}
      aria-valuemin={FLOOR_DB}
      aria-valuemax={0}
      aria-valuenow={rounded}
      aria-valuetext={active ? `${rounded} dB` : 'not recording'}
    >
      <div className="level-meter-fill" style={{ clipPath: `inset(0 ${((1 - (active ? fraction : 0)) * 100).toFixed(1)}% 0 0)` }} />
    </div>
  );
}
