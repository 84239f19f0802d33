// Back up everything into one zip (main streams every take's audio into it with the records collected
// here), and restore one: main reads the file itself (the desktop app's open dialog, or a zip in the
// browser host's exports folder), checks all of it before it writes anything, then the records are
// merged in. Both show main's progress in bytes and can be cancelled, leaving nothing behind.
import { useEffect, useId, useRef, useState } from 'react';
import type { BackupJob, Response } from '../../../electron/shared/contract';
import { api, call } from '../api/client';
import { collectRecords, mergeRecords } from '../data/backup-records';
import { db } from '../data/use-app-data';
import { formatBytes } from './format';

type Outcome = { kind: 'status' | 'alert'; text: string } | null;
type Choice = Response<'backup.files'> & { folder: string };

const POLL_MS = 250;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

const PHASE: Record<BackupJob['phase'], string> = { writing: 'Backing up', checking: 'Checking the backup', restoring: 'Restoring' };

/** Main's progress of the backup or restore running now, polled while `busy`. */
function useBackupProgress(busy: boolean): BackupJob | null {
  const [job, setJob] = useState<BackupJob | null>(null);
  useEffect(() => {
    if (!busy) return;
    let live = true;
    const poll = () =>
      void api.invoke('backup.progress', {}).then((result) => {
        if (live && result.ok) setJob(result.value);
      });
    poll();
    const timer = setInterval(poll, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
      setJob(null);
    };
  }, [busy]);
  return job;
}

export function BackupControls({ onRestored }: { onRestored(): void }) {
  const id = useId();
  const [busy, setBusy] = useState<'backup' | 'restore' | 'merge' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [choice, setChoice] = useState<Choice | null>(null);
  const chosen = useRef<HTMLSelectElement>(null);
  const job = useBackupProgress(busy === 'backup' || busy === 'restore');

  const backUp = async () => {
    setBusy('backup');
    setOutcome(null);
    setChoice(null);
    try {
      const records = new TextEncoder().encode(JSON.stringify(await collectRecords(db)));
      const saved = await call('backup.create', { records });
      setOutcome(
        saved.saved
          ? { kind: 'status', text: `Backed up ${plural(saved.takes, 'take')} to ${saved.path}` }
          : { kind: 'status', text: 'Not backed up; nothing was saved.' },
      );
    } catch (error) {
      setOutcome({ kind: 'alert', text: `Could not back up: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(null);
    }
  };

  /** Electron asks with its open dialog; the browser host offers the zips in its exports folder. */
  const startRestore = async () => {
    setOutcome(null);
    try {
      const files = await call('backup.files', {});
      if (files.folder === null) await restore(undefined);
      else setChoice({ ...files, folder: files.folder });
    } catch (error) {
      setOutcome({ kind: 'alert', text: `${error instanceof Error ? error.message : String(error)}` });
    }
  };

  const restore = async (fileName: string | undefined) => {
    setBusy('restore');
    setOutcome(null);
    setChoice(null);
    try {
      const restored = await call('backup.restore', fileName === undefined ? {} : { fileName });
      if (!restored.restored) {
        setOutcome({ kind: 'status', text: 'Not restored; nothing was changed.' });
        return;
      }
      setBusy('merge');
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
    }
  };

  const cancel = () => void api.invoke('backup.cancel', {});

  return (
    <div className="backup-controls" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="visually-hidden">
        Backup
      </span>
      <button type="button" onClick={() => void backUp()} disabled={busy !== null}>
        {busy === 'backup' ? 'Backing up…' : 'Back up everything…'}
      </button>
      <button type="button" onClick={() => void startRestore()} disabled={busy !== null || choice !== null}>
        {busy === 'restore' || busy === 'merge' ? 'Restoring…' : 'Restore a backup…'}
      </button>
      {choice && (
        <form
          className="export-controls"
          aria-label="Choose a backup to restore"
          onSubmit={(event) => {
            event.preventDefault();
            if (chosen.current?.value) void restore(chosen.current.value);
          }}
        >
          {choice.files.length === 0 ? (
            <span role="status">No backups in {choice.folder}: put a backup zip there, then try again.</span>
          ) : (
            <>
              <label>
                Backup file{' '}
                <select ref={chosen} autoFocus>
                  {choice.files.map((file) => (
                    <option key={file.name} value={file.name}>
                      {file.name} ({formatBytes(file.bytes)})
                    </option>
                  ))}
                </select>
              </label>
              <span className="hint">from {choice.folder}</span>
              <button type="submit">Restore</button>
            </>
          )}
          <button type="button" onClick={() => setChoice(null)}>
            Close
          </button>
        </form>
      )}
      {(busy === 'backup' || busy === 'restore') && job && (
        <div className="model-progress">
          <progress
            max={Math.max(job.bytesTotal, 1)}
            value={job.bytesDone}
            aria-label={busy === 'backup' ? 'Backup progress' : 'Restore progress'}
          />
          <span>
            {job.cancelling
              ? 'Cancelling…'
              : job.phase === 'restoring'
                ? `${PHASE[job.phase]}…`
                : `${PHASE[job.phase]}: ${formatBytes(job.bytesDone)} of ${formatBytes(job.bytesTotal)}`}
          </span>
          <button type="button" onClick={cancel} disabled={job.cancelling || job.phase === 'restoring'}>
            Cancel
          </button>
        </div>
      )}
      {outcome && (
        <span role={outcome.kind} className={outcome.kind === 'alert' ? 'export-error' : 'export-done'}>
          {outcome.text}
        </span>
      )}
    </div>
  );
}
