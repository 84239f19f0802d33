// "Export as …": the chosen takes through the shared exporters, written by main (a save dialog in
// Electron; the exports folder in the browser host). One take → one file; several → one file each in a
// folder, or one CSV with a row per take.
import { useId, useState } from 'react';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, type ExportFormat } from '../../../electron/shared/export/types';
import { call } from '../api/client';
import { exportFiles } from '../history/export-takes';
import { db } from '../data/use-app-data';

type Outcome = { kind: 'status' | 'alert'; text: string } | null;

export function ExportControls({ takeIds, what }: { takeIds: string[]; what: string }) {
  const id = useId();
  const [format, setFormat] = useState<ExportFormat>('md');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    try {
      const files = await exportFiles(db, takeIds, format);
      if (files.length === 1 && files[0]) {
        const saved = await call('files.save', { suggestedName: files[0].fileName, data: new Uint8Array(files[0].data) });
        setOutcome(saved.saved ? { kind: 'status', text: `Saved to ${saved.path}` } : { kind: 'status', text: 'Not saved.' });
      } else {
        const saved = await call('files.saveMany', {
          files: files.map((file) => ({ name: file.fileName, data: new Uint8Array(file.data) })),
        });
        setOutcome(
          saved.saved ? { kind: 'status', text: `Saved ${saved.count} files to ${saved.folder}` } : { kind: 'status', text: 'Not saved.' },
        );
      }
    } catch (error) {
      setOutcome({ kind: 'alert', text: `Could not export: ${error instanceof Error ? error.message : String(error)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="export-controls" role="group" aria-label={`Export ${what}`}>
      <label htmlFor={`${id}-format`}>Export as</label>
      <select id={`${id}-format`} value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)} disabled={busy}>
        {EXPORT_FORMATS.map((f) => (
          <option key={f} value={f}>
            {EXPORT_FORMAT_INFO[f].label}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void run()} disabled={busy || takeIds.length === 0}>
        {busy ? 'Exporting…' : 'Export'}
      </button>
      {outcome && (
        <span role={outcome.kind} className={outcome.kind === 'alert' ? 'export-error' : 'export-done'}>
          {outcome.text}
        </span>
      )}
    </div>
  );
}
