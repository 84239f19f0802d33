// Transcripts in Dexie: saved once main has them, with the take's headline metrics and its search text
// written in the same transaction, so the history list and search never disagree with the transcript.
import { useLiveQuery } from 'dexie-react-hooks';
import { analyzeTranscript } from '../../../electron/shared/analytics/analyze';
import type { Transcript } from '../../../electron/shared/contract';
import { transcriptText } from '../../../electron/shared/transcript-text';
import type { AttemptMetrics, RehearseDb } from './db';

/** Bump when an analytics definition behind AttemptMetrics changes: start-up then recomputes them. */
export const METRICS_VERSION = 1;

export function metricsOf(transcript: Transcript): AttemptMetrics {
  const m = analyzeTranscript(transcript);
  return {
    version: METRICS_VERSION,
    wordCount: m.wordCount,
    speechMs: m.speechMs,
    wpm: m.wpm,
    fillerCount: m.fillerCount,
    fillersPerMin: m.fillersPerMin,
    longPauseCount: m.longPauseCount,
    thinkTimeMs: m.thinkTimeMs,
  };
}

export async function saveTranscript(db: RehearseDb, takeId: string, transcript: Transcript): Promise<void> {
  await db.transaction('rw', db.attempts, db.transcripts, db.searchTexts, async () => {
    await db.transcripts.put({ id: takeId, transcript });
    await db.searchTexts.put({ id: takeId, text: transcriptText(transcript) });
    await db.attempts.update(takeId, { metrics: metricsOf(transcript) });
  });
}

/**
 * Fills in metrics and search texts that are missing or out of date (after an upgrade, a restore, or a
 * change of definitions), from the stored transcripts. Returns how many takes it updated.
 */
export async function backfillTranscriptData(db: RehearseDb): Promise<number> {
  return db.transaction('rw', db.attempts, db.transcripts, db.searchTexts, async () => {
    const stale = await db.attempts.filter((a) => a.metrics === undefined || a.metrics.version !== METRICS_VERSION).primaryKeys();
    const transcripts = (await db.transcripts.bulkGet(stale)).filter((t) => t !== undefined);
    const texts = new Set(await db.searchTexts.toCollection().primaryKeys());
    const missingText = (await db.transcripts.toCollection().primaryKeys()).filter((id) => !texts.has(id));
    const needText = (await db.transcripts.bulkGet(missingText)).filter((t) => t !== undefined);
    for (const { id, transcript } of transcripts) await db.attempts.update(id, { metrics: metricsOf(transcript) });
    await db.searchTexts.bulkPut(needText.map(({ id, transcript }) => ({ id, text: transcriptText(transcript) })));
    return transcripts.length + needText.length;
  });
}

/** The take's transcript: undefined while loading, null when it has none (yet). */
export function useTranscript(db: RehearseDb, takeId: string): Transcript | null | undefined {
  return useLiveQuery(async () => (await db.transcripts.get(takeId))?.transcript ?? null, [takeId]);
}
