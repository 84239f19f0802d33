// The plan's settings in Dexie: the interview day and the stages. Everything else is worked out.
import type { Stage } from '../content/question-pack';
import type { PlanSettings, RehearseDb } from '../data/db';
import { isDayKey } from './days';

export const PLAN_ID = 'interview';

export async function savePlanSettings(db: RehearseDb, interviewDay: string, stages: readonly Stage[], now = Date.now()): Promise<void> {
  if (!isDayKey(interviewDay)) throw new Error(`Not a date: "${interviewDay}"`);
  await db.planSettings.put({ id: PLAN_ID, interviewDay, stages: [...stages], updatedAt: now });
}

export async function loadPlanSettings(db: RehearseDb): Promise<PlanSettings | undefined> {
  return db.planSettings.get(PLAN_ID);
}
