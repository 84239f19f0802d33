// Back up everything into one zip (main adds every take's audio to the records collected here), and
// restore one: main checks the whole file before it writes anything, then the records are merged in.
import { useId, useRef, useState } from 'react';
import { call } from '../api/client';
import { collectRecords, mergeRecords } from '../data/backup-records';
import { db } from '../data/use-app-data';

type Outcome = { kind: 'status' | 'alert'; text: string } | null;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function BackupControls({ onRestored }: { onRestored(): void }) {
  const id = useId();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<'backup' | 'restore' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const backUp = async () => {
    setBusy('backup');
    setOutcome(null);
    try {
      const records = new TextEncoder().encode(JSON.stringify(await collectRecords(db)));
      const saved = await call('backup.create', { records });
      setOutcome(
        saved.saved
          ? { kind: 'status', text: `Backed up ${plural(saved.takes, 'take')} to ${saved.path}` }
          : { kind: 'status', text: 'Not backed up.' },
      );
    } catch (error) {
      setOutcome({ kind: 'alert', text: `Could not back up: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };

  const restore = async (chosen: File) => {
    setBusy('restore');
    setOutcome(null);
    try {
      const data = new Uint8Array(await chosen.arrayBuffer());
      const restored = await call('backup.restore', { data });
      const merged = await mergeRecords(db, restored.records);
      const conflicts = restored.audioConflicts.length;
      setOutcome({
        kind: 'status',
        text:
          `Restored ${plural(merged.added.attempts, 'take')}` +
          (merged.added.questions > 0 ? ` and ${plural(merged.added.questions, 'question')}` : '') +
          (merged.added.stories > 0 ? ` and ${merged.added.stories === 1 ? '1 story' : `${merged.added.stories} stories`}` : '') +
          (merged.alreadyHere.attempts > 0 ? `; ${plural(merged.alreadyHere.attempts, 'take')} were already here` : '') +
          (conflicts > 0 ? `; ${plural(conflicts, 'recording')} differed from the one here and the one here was kept` : '') +
          '.',
      });
      onRestored();
    } catch (error) {
      setOutcome({ kind: 'alert', text: `${error instanceof Error ? error.message : String(error)} Nothing was changed.` });
    } finally {
      setBusy(null);
      if (file.current) file.current.value = '';
    }
  };

  return (
    <div className="backup-controls" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="visually-hidden">
        Backup
      </span>
      <button type="button" onClick={() => void backUp()} disabled={busy !== null}>
        {busy === 'backup' ? 'Backing up…' : 'Back up everything…'}
      </button>
      <button type="button" onClick={() => file.current?.click()} disabled={busy !== null}>
        {busy === 'restore' ? 'Restoring…' : 'Restore a backup…'}
      </button>
      <input
        ref={file}
        type="file"
        accept=".zip,application/zip"
        aria-label="Backup file"
        hidden
        onChange={(event) => {
          const chosen = event.target.files?.[0];
          if (chosen) void restore(chosen);
        }}
      />
      {outcome && (
        <span role={outcome.kind} className={outcome.kind === 'alert' ? 'export-error' : 'export-done'}>
          {outcome.text}
        </span>
      )}
    </div>
  );
}
