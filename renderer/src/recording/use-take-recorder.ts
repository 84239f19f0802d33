// React state for one take at a time: idle → starting → recording → saving → idle, with a clear
// message when anything fails. The live time and level are read from `take` by the readout component,
// so the rest of the screen does not re-render many times a second while recording.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TakeInfo } from '../../../electron/shared/contract';
import { TakeRecorder } from './take-recorder';

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'saving';

export interface TakeRecorderState {
  phase: RecorderPhase;
  /** The take being recorded, while there is one. */
  take: TakeRecorder | null;
  /** The length of the last take, measured at Stop. */
  lastElapsedMs: number;
  /** The question the last take (or the one being recorded) answers; null before any. */
  lastQuestionId: string | null;
  error: string | null;
}

export interface TakeCallbacks {
  onStarted(takeId: string, questionId: string): Promise<void> | void;
  onSaved(take: TakeInfo): Promise<void> | void;
  onFailed(takeId: string, message: string): Promise<void> | void;
}

export function useTakeRecorder(callbacks: TakeCallbacks) {
  const [state, setState] = useState<TakeRecorderState>({ phase: 'idle', take: null, lastElapsedMs: 0, lastQuestionId: null, error: null });
  const current = useRef<TakeRecorder | null>(null);
  const callbacksRef = useRef(callbacks);
  useEffect(() => {
    callbacksRef.current = callbacks;
  });

  const finish = useCallback(async (take: TakeRecorder, failure: string | null) => {
    if (current.current !== take) return;
    current.current = null;
    setState((s) => ({ ...s, phase: 'saving' }));
    try {
      const saved = await take.stop();
      await callbacksRef.current.onSaved(saved);
      setState((s) => ({
        ...s,
        phase: 'idle',
        take: null,
        lastElapsedMs: take.elapsedMs(),
        error: failure ? `Recording stopped early: ${failure}. What was captured was saved.` : null,
      }));
    } catch (error) {
      const message = failure ?? (error instanceof Error ? error.message : String(error));
      await callbacksRef.current.onFailed(take.takeId, message);
      setState((s) => ({
        ...s,
        phase: 'idle',
        take: null,
        lastElapsedMs: take.elapsedMs(),
        error: `Recording stopped: ${message}. Audio that reached the disk is kept and will be recovered when Rehearse restarts.`,
      }));
    }
  }, []);

  const start = useCallback(
    async (questionId: string, deviceId?: string) => {
      if (current.current || state.phase !== 'idle') return;
      setState({ phase: 'starting', take: null, lastElapsedMs: 0, lastQuestionId: questionId, error: null });
      try {
        const take = await TakeRecorder.start(
          questionId,
          {
            onFailure: (message) => {
              if (current.current) void finish(current.current, message);
            },
          },
          deviceId,
        );
        current.current = take;
        await callbacksRef.current.onStarted(take.takeId, questionId);
        setState({ phase: 'recording', take, lastElapsedMs: 0, lastQuestionId: questionId, error: null });
      } catch (error) {
        setState({
          phase: 'idle',
          take: null,
          lastElapsedMs: 0,
          lastQuestionId: null,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    },
    [finish, state.phase],
  );

  const stop = useCallback(async () => {
    if (current.current) await finish(current.current, null);
  }, [finish]);

  return { state, start, stop };
}
