// Loads what the app shows: seeds the bundled question pack into Dexie, reconciles attempts with the
// takes main has on disk (recovering any a crash left behind), and exposes live queries over both.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import starterPack from '../../../resources/questions/starter.json';
import { call } from '../api/client';
import { parseQuestionPack } from '../content/question-pack';
import { openDb } from './db';
import { reconcileTakes } from './reconcile-takes';

export const db = openDb();

export interface StartupReport {
  ready: boolean;
  recovered: number;
  error: string | null;
}

async function startUp(): Promise<number> {
  const parsed = parseQuestionPack(starterPack);
  if (!parsed.ok) throw new Error(`The bundled question pack is invalid: ${parsed.message}`);
  await db.questions.bulkPut(parsed.pack.questions.map((question, order) => ({ ...question, packId: parsed.pack.id, order })));
  const takes = await call('recordings.list', {});
  const changes = reconcileTakes(await db.attempts.toArray(), takes);
  await db.attempts.bulkPut(changes);
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

export function useQuestions() {
  return useLiveQuery(() => db.questions.orderBy('order').toArray(), [], []);
}

export function useAttempts(questionId: string | null) {
  return useLiveQuery(
    () => (questionId ? db.attempts.where('questionId').equals(questionId).reverse().sortBy('startedAt') : []),
    [questionId],
    [],
  );
}
