import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Transcript, TranscriptionGuards, TranscriptionState } from '../../../electron/shared/contract';
import { guardNotes } from '../../../electron/shared/guard-notes';
import { api } from '../api/client';
import type { Attempt } from '../data/db';
import { saveTranscript } from '../data/transcript-repo';
import { db } from '../data/use-app-data';
import { formatClock } from './format';

const POLL_MS = 400;
const FINAL = new Set(['done', 'failed', 'cancelled']);

/** Follows main's transcription of one take until it is final; the final transcript is kept in Dexie. */
function useTranscription(
  attempt: Attempt,
  settled: boolean,
  onEndedWithout?: () => void,
): { state: TranscriptionState | null; error: string | null; retry(): void; cancel(): void } {
  const [state, setState] = useState<TranscriptionState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const onEnded = useRef(onEndedWithout);
  useLayoutEffect(() => {
    onEnded.current = onEndedWithout;
  });

  useEffect(() => {
    if (settled || attempt.status === 'recording') return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const result = await api.invoke('transcription.get', { takeId: attempt.id });
      if (stopped) return;
      if (!result.ok) {
        setError(result.error.message);
        onEnded.current?.();
        return;
      }
      setState(result.value);
      if (result.value.status === 'done' && result.value.transcript) {
        await saveTranscript(db, attempt.id, result.value.transcript);
      } else if (!FINAL.has(result.value.status)) {
        timer = setTimeout(() => void poll(), POLL_MS);
      } else {
        onEnded.current?.();
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [attempt.id, attempt.status, settled, round]);

  return {
    state,
    error,
    retry: () => {
      void api.invoke('transcription.retry', { takeId: attempt.id }).then(() => setRound((r) => r + 1));
    },
    cancel: () => {
      void api.invoke('transcription.cancel', { takeId: attempt.id });
    },
  };
}

/**
 * What the guards against the engine's failure modes changed, so edits are never silent, and where a loop
 * was cut: the part to listen to. Known only while main reports the state (not for a transcript read
 * back from Dexie alone).
 */
function GuardNotes({ guards }: { guards: TranscriptionGuards | undefined }) {
  const notes = guardNotes(guards);
  const spans = guards?.checkSpans ?? [];
  if (notes.length === 0 && spans.length === 0) return null;
  return (
    <ul className="transcript-guards" aria-label="Transcript corrections">
      {notes.map((note) => (
        <li key={note}>{note}</li>
      ))}
      {spans.map((span) => (
        <li key={span.startMs}>
          Check this part: {formatClock(span.startMs)}–{formatClock(span.endMs)}
        </li>
      ))}
    </ul>
  );
}

/**
 * The take's transcription: progress, failure with a retry, and (with `showText`) the text. `stored` is the
 * transcript in Dexie: undefined while loading, null when there is none yet. Where the replay player shows
 * the words in sync with the audio, the text is not repeated here.
 */
export function TranscriptPanel({
  attempt,
  stored,
  showText = true,
  onEndedWithout,
}: {
  attempt: Attempt;
  stored: Transcript | null | undefined;
  showText?: boolean;
  /** Called when transcription ends without a transcript (failed, cancelled, no model, unavailable). */
  onEndedWithout?: () => void;
}) {
  const { state, error, retry, cancel } = useTranscription(attempt, stored !== null, onEndedWithout);
  const transcript = stored ?? (state?.status === 'done' ? state.transcript : null);
  const guards = state?.status === 'done' ? state.guards : undefined;

  if (attempt.status === 'recording') return null;
  if (transcript) {
    if (transcript.segments.length === 0) {
      return (
        <section className="transcript" aria-label="Transcript">
          <p className="transcript-empty">No speech recognised in this take.</p>
          <GuardNotes guards={guards} />
        </section>
      );
    }
    if (!showText) {
      return guardNotes(guards).length > 0 || (guards?.checkSpans.length ?? 0) > 0 ? (
        <section className="transcript" aria-label="Transcript">
          <GuardNotes guards={guards} />
        </section>
      ) : null;
    }
    return (
      <section className="transcript" aria-label="Transcript">
        <GuardNotes guards={guards} />
        {transcript.segments.map((segment) => (
          <p key={segment.startMs} className="transcript-segment">
            <span className="transcript-time">{formatClock(segment.startMs)}</span> {segment.text}
          </p>
        ))}
      </section>
    );
  }
  if (error) {
    return (
      <section className="transcript" aria-label="Transcript">
        <p className="attempt-warning">Transcription is unavailable: {error}</p>
      </section>
    );
  }
  if (!state || state.status === 'waiting' || state.status === 'queued' || state.status === 'running') {
    const progress = state?.progress ?? 0;
    return (
      <section className="transcript" aria-label="Transcript">
        <div className="transcript-progress">
          <progress max={100} value={progress} aria-label="Transcription progress" />
          <span>{state?.status === 'running' ? `Transcribing… ${progress}%` : 'Waiting to transcribe…'}</span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </div>
      </section>
    );
  }
  return (
    <section className="transcript" aria-label="Transcript">
      <p className="attempt-warning">
        {state.status === 'cancelled' ? 'Transcription was cancelled.' : `Transcription failed: ${state.error ?? 'unknown error'}`}
      </p>
      <button type="button" onClick={retry}>
        Transcribe again
      </button>
    </section>
  );
}
