// Mock loops in Dexie: started, answered step by step, finished. Kept in the database as the person
// goes, so a loop interrupted by a crash or a closed window resumes where it stopped.
import type { LoopStep, MockLoop, RehearseDb } from '../data/db';

export async function startLoop(db: RehearseDb, steps: LoopStep[], now = Date.now()): Promise<MockLoop> {
  const loop: MockLoop = { id: `loop-${now.toString(36)}-${Math.random().toString(36).slice(2, 8)}`, startedAt: now, steps, current: 0 };
  await db.loops.add(loop);
  return loop;
}

/** The loop still in progress, if any (the newest unfinished one). */
export async function unfinishedLoop(db: RehearseDb): Promise<MockLoop | undefined> {
  const loops = await db.loops.orderBy('startedAt').reverse().toArray();
  return loops.find((loop) => loop.finishedAt === undefined);
}

/** Records a take as the answer to the loop's current step (a retake replaces the step's take; the old take stays in history). */
export async function answerStep(db: RehearseDb, loopId: string, takeId: string): Promise<void> {
  await db.transaction('rw', db.loops, async () => {
    const loop = await db.loops.get(loopId);
    const step = loop?.steps[loop.current];
    if (!loop || !step) return;
    const steps = loop.steps.map((s, i) => (i === loop.current ? { ...s, takeId } : s));
    await db.loops.update(loopId, { steps });
  });
}

/** Records a take as the answer to the current step's follow-up (a retake replaces it; the old take stays in history). */
export async function answerFollowUp(db: RehearseDb, loopId: string, takeId: string): Promise<void> {
  await db.transaction('rw', db.loops, async () => {
    const loop = await db.loops.get(loopId);
    const step = loop?.steps[loop.current];
    if (!loop || !step?.followUp) return;
    const steps = loop.steps.map((s, i) => (i === loop.current && s.followUp ? { ...s, followUp: { ...s.followUp, takeId } } : s));
    await db.loops.update(loopId, { steps });
  });
}

/** Moves to the next step; past the last one the loop is finished. */
export async function nextStep(db: RehearseDb, loopId: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', db.loops, async () => {
    const loop = await db.loops.get(loopId);
    if (!loop || loop.finishedAt !== undefined) return;
    const current = Math.min(loop.current + 1, loop.steps.length);
    await db.loops.update(loopId, current === loop.steps.length ? { current, finishedAt: now } : { current });
  });
}

/** Ends the loop now; steps not answered stay unanswered in the summary. */
export async function finishLoop(db: RehearseDb, loopId: string, now = Date.now()): Promise<void> {
  await db.loops.update(loopId, { finishedAt: now });
}
