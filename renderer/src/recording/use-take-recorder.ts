// React state for one take at a time: idle → starting → recording → saving → idle, with the elapsed
// time and input level while recording, and a clear message when anything fails.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TakeInfo } from '../../../electron/shared/contract';
import { SILENT_DB } from './level-meter';
import { TakeRecorder } from './take-recorder';

export type RecorderPhase = 'idle' | 'starting' | 'recording' | 'saving';

export interface TakeRecorderState {
  phase: RecorderPhase;
  elapsedMs: number;
  levelDb: number;
  error: string | null;
}

export interface TakeCallbacks {
  onStarted(takeId: string, questionId: string): Promise<void> | void;
  onSaved(take: TakeInfo): Promise<void> | void;
  onFailed(takeId: string, message: string): Promise<void> | void;
}

export function useTakeRecorder(callbacks: TakeCallbacks) {
  const [state, setState] = useState<TakeRecorderState>({ phase: 'idle', elapsedMs: 0, levelDb: SILENT_DB, error: null });
  const recorder = useRef<TakeRecorder | null>(null);
  const startedAt = useRef<number | null>(null);
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;

  useEffect(() => {
    if (state.phase !== 'recording') return;
    const timer = setInterval(() => {
      const take = recorder.current;
      if (!take) return;
      setState((s) => ({
        ...s,
        elapsedMs: startedAt.current === null ? 0 : performance.now() - startedAt.current,
        levelDb: take.level.read(),
      }));
    }, 50);
    return () => clearInterval(timer);
  }, [state.phase]);

  const finish = useCallback(async (take: TakeRecorder, failure: string | null) => {
    recorder.current = null;
    setState((s) => ({ ...s, phase: 'saving', levelDb: SILENT_DB }));
    try {
      const saved = await take.stop();
      await callbacksRef.current.onSaved(saved);
      setState((s) => ({ ...s, phase: 'idle', error: failure ? `Recording stopped early: ${failure}. What was captured was saved.` : null }));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await callbacksRef.current.onFailed(take.takeId, failure ?? message);
      setState((s) => ({
        ...s,
        phase: 'idle',
        error: `Recording stopped: ${failure ?? message}. Audio that reached the disk is kept and will be recovered when Rehearse restarts.`,
      }));
    }
  }, []);

  const start = useCallback(async (questionId: string) => {
    if (recorder.current || state.phase !== 'idle') return;
    startedAt.current = null;
    setState({ phase: 'starting', elapsedMs: 0, levelDb: SILENT_DB, error: null });
    try {
      const take = await TakeRecorder.start(questionId, {
        onStarted: (at) => {
          startedAt.current = at;
        },
        onFailure: (message) => {
          const current = recorder.current;
          if (current) void finish(current, message);
        },
      });
      recorder.current = take;
      await callbacksRef.current.onStarted(take.takeId, questionId);
      setState((s) => ({ ...s, phase: 'recording' }));
    } catch (error) {
      setState({ phase: 'idle', elapsedMs: 0, levelDb: SILENT_DB, error: error instanceof Error ? error.message : String(error) });
    }
  }, [finish, state.phase]);

  const stop = useCallback(async () => {
    const take = recorder.current;
    if (take) await finish(take, null);
  }, [finish]);

  return { state, start, stop };
}
