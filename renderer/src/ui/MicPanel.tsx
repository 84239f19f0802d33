// Microphone: choose the input (by name, remembered), and a 5-second check that shows the live level,
// plays the recording back and says in words whether it was too quiet, clipping, or fine.
import { useEffect, useId, useRef, useState } from 'react';
import { SILENT_DB } from '../recording/level-meter';
import { CHECK_MS, playBack, startMicCheck, type MicCheckRun } from '../recording/mic-check';
import { micVerdict, type MicVerdict } from '../recording/mic-check-verdict';
import { resolveMic } from '../recording/mic-choice';
import type { Microphone } from '../recording/use-microphone';
import { LevelMeterBar } from './LevelMeter';

type CheckState =
  | { phase: 'idle' }
  | { phase: 'listening'; run: MicCheckRun }
  | { phase: 'playing'; verdict: MicVerdict; audio: AudioBuffer }
  | { phase: 'done'; verdict: MicVerdict; audio: AudioBuffer }
  | { phase: 'failed'; message: string };

export function MicPanel({ microphone, disabled, onClose }: { microphone: Microphone; disabled: boolean; onClose(): void }) {
  const headingId = useId();
  const selectId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const { saved, inputs, refresh, choose } = microphone;
  useEffect(() => {
    heading.current?.focus();
    void refresh();
  }, [refresh]);
  const resolution = inputs ? resolveMic(saved, inputs) : null;
  const missing = resolution?.use === 'default' ? resolution.missing : undefined;

  return (
    <section className="model-panel mic-panel" aria-labelledby={headingId}>
      <div className="model-panel-head">
        <h2 id={headingId} ref={heading} tabIndex={-1}>
          Microphone
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <label className="mic-choice" htmlFor={selectId}>
        Record from
      </label>
      <select
        id={selectId}
        className="mic-select"
        value={resolution?.use === 'chosen' ? resolution.deviceId : ''}
        disabled={disabled || inputs === null}
        onChange={(event) => {
          const device = inputs?.find((d) => d.deviceId === event.target.value) ?? null;
          choose(device);
        }}
      >
        <option value="">System default</option>
        {(inputs ?? []).map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label || `Microphone ${index + 1}`}
          </option>
        ))}
      </select>
      {inputs === null && <p className="hint">Listing microphones…</p>}
      {missing && (
        <p className="attempt-warning" role="status">
          The microphone you chose{missing.label ? ` (${missing.label})` : ''} is not connected: takes record from the system default until
          it is.
        </p>
      )}
      <MicCheck deviceId={resolution?.use === 'chosen' ? resolution.deviceId : undefined} disabled={disabled} />
    </section>
  );
}

function MicCheck({ deviceId, disabled }: { deviceId: string | undefined; disabled: boolean }) {
  const [state, setState] = useState<CheckState>({ phase: 'idle' });
  const [live, setLive] = useState({ levelDb: SILENT_DB, leftMs: CHECK_MS });
  const playing = useRef<{ stop(): void } | null>(null);

  useEffect(() => {
    if (state.phase !== 'listening') return;
    const { run } = state;
    const timer = setInterval(
      () => setLive({ levelDb: run.level.read(), leftMs: Math.max(0, CHECK_MS - (performance.now() - run.startedAt)) }),
      50,
    );
    return () => clearInterval(timer);
  }, [state]);

  // Closing the panel ends a check under way and its playback: nothing plays after the panel is gone.
  const alive = useRef(true);
  const running = useRef<MicCheckRun | null>(null);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      running.current?.cancel();
      playing.current?.stop();
    };
  }, []);

  const play = (verdict: MicVerdict, audio: AudioBuffer) => {
    setState({ phase: 'playing', verdict, audio });
    const playback = playBack(audio);
    playing.current = playback;
    void playback.ended.then(() => setState((s) => (s.phase === 'playing' && s.audio === audio ? { phase: 'done', verdict, audio } : s)));
  };

  const start = async () => {
    playing.current?.stop();
    try {
      const run = await startMicCheck(deviceId);
      running.current = run;
      if (!alive.current) return run.cancel();
      setLive({ levelDb: SILENT_DB, leftMs: CHECK_MS });
      setState({ phase: 'listening', run });
      const { audio, levels } = await run.done;
      running.current = null;
      if (alive.current) play(micVerdict(levels), audio);
    } catch (error) {
      running.current = null;
      if (alive.current) setState({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };

  const verdict = state.phase === 'playing' || state.phase === 'done' ? state.verdict : null;
  return (
    <div className="mic-check">
      <h3>Microphone check</h3>
      <p className="hint">Press the button and speak for 5 seconds as you would in the interview; you then hear it back.</p>
      <div className="mic-check-row">
        <button type="button" onClick={() => void start()} disabled={disabled || state.phase === 'listening'}>
          {state.phase === 'idle' || state.phase === 'failed' ? 'Check microphone' : 'Check again'}
        </button>
        {verdict && state.phase !== 'listening' && (
          <button
            type="button"
            disabled={state.phase === 'playing'}
            onClick={() => {
              if (state.phase === 'done') play(state.verdict, state.audio);
            }}
          >
            Play it again
          </button>
        )}
        <LevelMeterBar
          levelDb={state.phase === 'listening' ? live.levelDb : SILENT_DB}
          active={state.phase === 'listening'}
          label="Check level"
        />
      </div>
      <p role="status" className="mic-check-status">
        {state.phase === 'listening'
          ? `Listening… ${Math.ceil(live.leftMs / 1000)} s left`
          : state.phase === 'playing'
            ? 'Playing it back…'
            : state.phase === 'failed'
              ? `The check could not run: ${state.message}`
              : ''}
      </p>
      {verdict && (
        <p className={`mic-verdict mic-verdict-${verdict.kind}`} data-verdict={verdict.kind}>
          {verdict.words}
        </p>
      )}
    </div>
  );
}
