// The fillers heard in a take's audio, in Dexie: the hesitations main heard (hesitations.get), and the
// person's choice on each heard filler, kept with the take. Each write recomputes the take's metrics in
// the same transaction (transcript-repo), so the history list never disagrees with the review.
import { useLiveQuery } from 'dexie-react-hooks';
import { withChoice, type FillerVerdict } from '../../../electron/shared/analytics/heard-fillers';
import type { Hesitation, TakeHesitations } from '../../../electron/shared/contract';
import type { RehearseDb, StoredHesitations } from './db';
import { metricsTables, refreshMetrics } from './transcript-repo';

export async function saveHesitations(db: RehearseDb, takeId: string, heard: TakeHesitations): Promise<void> {
  await db.transaction('rw', metricsTables(db), async () => {
    await db.hesitations.put({ id: takeId, hesitations: heard.hesitations, basedOnTranscript: heard.basedOnTranscript });
    await refreshMetrics(db, [takeId]);
  });
}

/** Records what the person said about the heard filler `heard`: a filler, not one, or (null) undecided again. */
export async function chooseFiller(db: RehearseDb, takeId: string, heard: Hesitation, verdict: FillerVerdict | null): Promise<void> {
  await db.transaction('rw', metricsTables(db), async () => {
    const attempt = await db.attempts.get(takeId);
    if (!attempt) return;
    await db.attempts.update(takeId, { fillerChoices: withChoice(attempt.fillerChoices, heard, verdict) });
    await refreshMetrics(db, [takeId]);
  });
}

/**
 * Whether the take's hesitations should be asked for (again): never heard yet, or heard without a
 * transcript while one with words is here now (main judges them by its own copy of the transcript).
 */
export function needsHearing(stored: StoredHesitations | null, transcriptHasWords: boolean): boolean {
  return stored === null || (!stored.basedOnTranscript && transcriptHasWords);
}

/** Asks main for the take's hesitations and keeps them. */
export async function hearTake(db: RehearseDb, takeId: string, ask: (takeId: string) => Promise<TakeHesitations>): Promise<void> {
  await saveHesitations(db, takeId, await ask(takeId));
}

/** The take's stored hesitations: undefined while loading, null when it has none yet. */
export function useStoredHesitations(db: RehearseDb, takeId: string): StoredHesitations | null | undefined {
  return useLiveQuery(async () => (await db.hesitations.get(takeId)) ?? null, [takeId]);
}
