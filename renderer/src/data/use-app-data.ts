// Loads what the app shows: seeds the bundled question pack into Dexie, reconciles attempts with the
// takes main has on disk (recovering any a crash left behind), and exposes live queries over both.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import bundledPack from '../../../resources/questions/netflix-loop.json';
import { call } from '../api/client';
import { parseQuestionPack } from '../content/question-pack';
import { unfinishedLoop } from '../loop/loop-repo';
import { openDb, type StoredQuestion } from './db';
import { syncAttemptsWithTakes } from './reconcile-takes';
import { planSeed } from './seed-questions';
import { purgeDeleted, UNDO_MS } from '../history/delete-takes';

export const db = openDb();

export interface StartupReport {
  ready: boolean;
  recovered: number;
  error: string | null;
}

async function seedBundledPack(): Promise<void> {
  const parsed = parseQuestionPack(bundledPack);
  if (!parsed.ok) throw new Error(`The bundled question pack is invalid: ${parsed.message}`);
  await db.transaction('rw', db.questions, db.attempts, async () => {
    const answered = new Set((await db.attempts.toArray()).map((attempt) => attempt.questionId));
    const plan = planSeed(parsed.pack, await db.questions.toArray(), answered);
    await db.questions.bulkDelete(plan.remove);
    await db.questions.bulkPut(plan.put);
  });
}

async function startUp(): Promise<number> {
  await seedBundledPack();
  const takes = await call('recordings.list', {});
  const changes = await syncAttemptsWithTakes(db, takes);
  // Takes deleted just before the app closed (inside their undo time) go for good now; if main cannot
  // remove the audio, they stay hidden and are tried again at the next start.
  await purgeDeleted(db, Date.now() - UNDO_MS, (takeIds) => call('recordings.delete', { takeIds })).catch(() => undefined);
  return changes.filter((attempt) => attempt.status === 'recovered').length;
}

export function useStartup(): StartupReport {
  const [report, setReport] = useState<StartupReport>({ ready: false, recovered: 0, error: null });
  useEffect(() => {
    startUp().then(
      (recovered) => setReport({ ready: true, recovered, error: null }),
      (error: unknown) => setReport({ ready: true, recovered: 0, error: error instanceof Error ? error.message : String(error) }),
    );
  }, []);
  return report;
}

/** Bundled questions first, in pack order, then the person's own and imported ones by pack and order. */
export function compareQuestions(a: StoredQuestion, b: StoredQuestion): number {
  if (a.origin !== b.origin) return a.origin === 'bundled' ? -1 : 1;
  if (a.packId !== b.packId) return a.packId < b.packId ? -1 : 1;
  return a.order - b.order;
}

export function useQuestions(): StoredQuestion[] {
  return useLiveQuery(async () => (await db.questions.toArray()).sort(compareQuestions), [], []);
}

export function useAttempts(questionId: string | null) {
  return useLiveQuery(
    () =>
      questionId
        ? db.attempts
            .where('questionId')
            .equals(questionId)
            .filter((attempt) => attempt.deletedAt === undefined)
            .reverse()
            .sortBy('startedAt')
        : [],
    [questionId],
    [],
  );
}

/** The mock loop in progress, if any; undefined while loading too. */
export function useUnfinishedLoop() {
  return useLiveQuery(() => unfinishedLoop(db), []);
}
