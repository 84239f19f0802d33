import { useCallback, useEffect, useState } from 'react';
import type { ModelsState } from '../../../electron/shared/contract';
import { api } from '../api/client';

const POLL_MS = 300;

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** Main's model state, refreshed while a download runs (or while `watch` is on). */
export function useModels(watch: boolean): { models: ModelsState | null; error: string | null; refresh(): void } {
  const [models, setModels] = useState<ModelsState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void api.invoke('models.get', {}).then((result) => {
      if (result.ok) setModels(result.value);
      else setError(result.error.message);
    });
  }, []);
  useEffect(refresh, [refresh]);
  const downloading = models?.download?.status === 'downloading' || models?.download?.status === 'verifying';
  useEffect(() => {
    if (!watch && !downloading) return;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [watch, downloading, refresh]);
  return { models, error, refresh };
}

/** The speech models: what each is good for, which is installed and used, and downloading one. */
export function ModelPanel({ models, refresh, onClose }: { models: ModelsState; refresh(): void; onClose(): void }) {
  const [actionError, setActionError] = useState<string | null>(null);
  const download = models.download;
  const busy = download?.status === 'downloading' || download?.status === 'verifying';

  const start = (name: string) => {
    setActionError(null);
    void api.invoke('models.download', { name: name as 'base.en' }).then((result) => {
      if (!result.ok) setActionError(result.error.message);
      refresh();
    });
  };

  return (
    <section className="model-panel" aria-labelledby="model-panel-heading">
      <div className="model-panel-head">
        <h2 id="model-panel-heading">Speech model</h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="hint">
        Rehearse transcribes on this computer with a whisper.cpp model. Download one once; nothing you record leaves the machine.
      </p>
      <ul className="model-list">
        {models.catalog.map((model) => {
          const mine = download?.name === model.name ? download : null;
          return (
            <li key={model.name} className="model-item">
              <div>
                <strong>{model.name}</strong> <span className="hint">{megabytes(model.approxBytes)}</span>
                <p className="hint">
                  {model.speed}; {model.accuracy}
                </p>
              </div>
              {model.installed ? (
                <span className="badge">{models.active === model.name ? 'In use' : 'Installed'}</span>
              ) : mine && (mine.status === 'downloading' || mine.status === 'verifying') ? (
                <div className="model-progress">
                  <progress
                    max={mine.totalBytes ?? model.approxBytes}
                    value={mine.receivedBytes}
                    aria-label={`Downloading ${model.name}`}
                  />
                  <span>{mine.status === 'verifying' ? 'Checking…' : megabytes(mine.receivedBytes)}</span>
                  <button type="button" onClick={() => void api.invoke('models.cancelDownload', {}).then(refresh)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <button type="button" disabled={busy} onClick={() => start(model.name)}>
                  {mine?.status === 'failed' || mine?.status === 'cancelled' ? 'Resume download' : 'Download'}
                </button>
              )}
              {mine?.status === 'failed' && (
                <p className="attempt-warning" role="alert">
                  Download failed: {mine.error}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p className="hint">
        Already have a model file?{' '}
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setActionError(null);
            void api.invoke('models.importFile', {}).then((result) => {
              if (!result.ok) setActionError(result.error.message);
              refresh();
            });
          }}
        >
          Use a model file…
        </button>
      </p>
      {actionError && (
        <p className="banner banner-error" role="alert">
          {actionError}
        </p>
      )}
    </section>
  );
}
