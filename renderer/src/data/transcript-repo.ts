// Transcripts in Dexie: saved once main has them, with the take's headline metrics and its search text
// written in the same transaction, so the history list and search never disagree with the transcript.
// The metrics also count the fillers heard in the audio that the person confirmed (heard-fillers.ts), so
// they are recomputed whenever the transcript, the take's hesitations or the person's choices change.
import { useLiveQuery } from 'dexie-react-hooks';
import { analyzeTranscript } from '../../../electron/shared/analytics/analyze';
import { tallyFillers, type FillerChoice } from '../../../electron/shared/analytics/heard-fillers';
import type { Hesitation, Transcript } from '../../../electron/shared/contract';
import { transcriptText } from '../../../electron/shared/transcript-text';
import type { Attempt, AttemptMetrics, RehearseDb } from './db';

/** Bump when an analytics definition behind AttemptMetrics changes: start-up then recomputes them. */
export const METRICS_VERSION = 2;

/** What was heard in the take's audio: null hesitations until it has been listened to. */
export interface HeardInput {
  hesitations: readonly Hesitation[] | null;
  choices?: readonly FillerChoice[];
}

export function metricsOf(transcript: Transcript, heard: HeardInput = { hesitations: null }): AttemptMetrics {
  const m = analyzeTranscript(transcript);
  return {
    version: METRICS_VERSION,
    wordCount: m.wordCount,
    speechMs: m.speechMs,
    wpm: m.wpm,
    ...tallyFillers(m.fillerCount, m.speechMs, heard.hesitations, heard.choices),
    longPauseCount: m.longPauseCount,
    thinkTimeMs: m.thinkTimeMs,
  };
}

/** The tables refreshMetrics reads and writes: a transaction calling it must include them. */
export const metricsTables = (db: RehearseDb) => [db.attempts, db.transcripts, db.hesitations];

/**
 * Recomputes takes' metrics from what is stored (transcript, hesitations, choices), inside a read-write
 * transaction over metricsTables; returns how many it updated. A take without a transcript keeps none.
 * `known`: the attempts as the caller has just read them, so they are not read again.
 */
export async function refreshMetrics(db: RehearseDb, takeIds: string[], known?: ReadonlyMap<string, Attempt>): Promise<number> {
  const [attempts, transcripts, heard] = await Promise.all([
    known ? takeIds.map((id) => known.get(id)) : db.attempts.bulkGet(takeIds),
    db.transcripts.bulkGet(takeIds),
    db.hesitations.bulkGet(takeIds),
  ]);
  const updated = attempts.flatMap((attempt, i) => {
    const stored = transcripts[i];
    if (!attempt || !stored) return [];
    const metrics = metricsOf(stored.transcript, { hesitations: heard[i]?.hesitations ?? null, choices: attempt.fillerChoices });
    return [{ ...attempt, metrics }];
  });
  await db.attempts.bulkPut(updated);
  return updated.length;
}

export async function saveTranscript(db: RehearseDb, takeId: string, transcript: Transcript): Promise<void> {
  await db.transaction('rw', [...metricsTables(db), db.searchTexts], async () => {
    await db.transcripts.put({ id: takeId, transcript });
    await db.searchTexts.put({ id: takeId, text: transcriptText(transcript) });
    await refreshMetrics(db, [takeId]);
  });
}

/**
 * Fills in metrics and search texts that are missing or out of date (after an upgrade, a restore, or a
 * change of definitions), from the stored transcripts, hesitations and choices. Returns how many takes
 * it updated. `attempts`: every attempt, as the caller has just read them (the table is then not read).
 */
export async function backfillTranscriptData(db: RehearseDb, attempts?: ReadonlyMap<string, Attempt>): Promise<number> {
  const isStale = (a: Attempt) => a.metrics === undefined || a.metrics.version !== METRICS_VERSION;
  return db.transaction('rw', [...metricsTables(db), db.searchTexts], async () => {
    const stale = attempts ? [...attempts.values()].filter(isStale).map((a) => a.id) : await db.attempts.filter(isStale).primaryKeys();
    const texts = new Set(await db.searchTexts.toCollection().primaryKeys());
    const missingText = (await db.transcripts.toCollection().primaryKeys()).filter((id) => !texts.has(id));
    const needText = (await db.transcripts.bulkGet(missingText)).filter((t) => t !== undefined);
    const refreshed = await refreshMetrics(db, stale, attempts);
    await db.searchTexts.bulkPut(needText.map(({ id, transcript }) => ({ id, text: transcriptText(transcript) })));
    return refreshed + needText.length;
  });
}

/** The take's transcript: undefined while loading, null when it has none (yet). */
export function useTranscript(db: RehearseDb, takeId: string): Transcript | null | undefined {
  return useLiveQuery(async () => (await db.transcripts.get(takeId))?.transcript ?? null, [takeId]);
}
