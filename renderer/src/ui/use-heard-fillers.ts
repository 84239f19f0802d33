// The fillers heard in one take's audio, for its review: asks main for the take's hesitations once the
// transcript is saved (or once it is clear there will be none, e.g. no speech model), and again when a
// transcript with words arrives after they were heard without one; keeps them in Dexie; and records the
// person's choice on each (hesitation-repo.ts).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { judgeHeard, type FillerChoice, type FillerVerdict, type JudgedFiller } from '../../../electron/shared/analytics/heard-fillers';
import { spokenWords } from '../../../electron/shared/analytics/words';
import type { Hesitation, Transcript } from '../../../electron/shared/contract';
import { call } from '../api/client';
import type { Attempt } from '../data/db';
import { chooseFiller, hearTake, needsHearing, useStoredHesitations } from '../data/hesitation-repo';
import { db } from '../data/use-app-data';

export interface HeardFillers {
  /** What main heard, null until the audio has been listened to. */
  hesitations: Hesitation[] | null;
  choices: FillerChoice[] | undefined;
  /** Heard fillers (not in the transcript), in time order, with the person's choice on each. */
  heard: JudgedFiller[];
  /** Words held long ("sooo"): shown, never counted. */
  drawnOut: Hesitation[];
  /** Why the audio could not be listened to, if it could not. */
  error: string | null;
  choose(hesitation: Hesitation, verdict: FillerVerdict | null): void;
}

/**
 * `transcript`: the stored one (undefined while loading, null when there is none); `transcriptionOver`:
 * transcription ended without one (failed, cancelled, no model), so there is no reason to wait for it.
 */
export function useHeardFillers(attempt: Attempt, transcript: Transcript | null | undefined, transcriptionOver: boolean): HeardFillers {
  const stored = useStoredHesitations(db, attempt.id);
  const [error, setError] = useState<string | null>(null);
  /** What this review asked for already ("words" or "none"), so it asks once per reason. */
  const asked = useRef<string | null>(null);
  const hasWords = useMemo(() => (transcript ? spokenWords(transcript).length > 0 : false), [transcript]);
  const ready = attempt.status !== 'recording' && attempt.durationMs > 0 && stored !== undefined && transcript !== undefined;

  useEffect(() => {
    if (!ready || (transcript === null && !transcriptionOver)) return;
    const reason = hasWords ? 'words' : 'none';
    if (asked.current === reason || !needsHearing(stored, hasWords)) return;
    asked.current = reason;
    hearTake(db, attempt.id, (takeId) => call('hesitations.get', { takeId })).then(
      () => setError(null),
      (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)),
    );
  }, [ready, transcript, transcriptionOver, hasWords, stored, attempt.id]);

  const choose = useCallback(
    (hesitation: Hesitation, verdict: FillerVerdict | null) => void chooseFiller(db, attempt.id, hesitation, verdict),
    [attempt.id],
  );
  const hesitations = stored?.hesitations ?? null;
  const choices = attempt.fillerChoices;
  return useMemo(
    () => ({
      hesitations,
      choices,
      heard: judgeHeard(hesitations ?? [], choices),
      drawnOut: (hesitations ?? []).filter((h) => h.kind === 'drawn-out'),
      error,
      choose,
    }),
    [hesitations, choices, error, choose],
  );
}
