import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type RehearseDb } from '../data/db';
import { loadPlanSettings, savePlanSettings } from './plan-repo';

let db: RehearseDb | null = null;

afterEach(async () => {
  db?.close();
  await db?.delete();
  db = null;
});

describe('the plan’s settings', () => {
  it('are kept across a reopen of the database, and replaced when saved again', async () => {
    const name = `plan-${Math.random()}`;
    db = openDb(name);
    expect(await loadPlanSettings(db)).toBeUndefined();
    await savePlanSettings(db, '2026-12-10', ['recruiter-screen'], 5);
    db.close();
    db = openDb(name);
    expect(await loadPlanSettings(db)).toEqual({ id: 'interview', interviewDay: '2026-12-10', stages: ['recruiter-screen'], updatedAt: 5 });
    await savePlanSettings(db, '2026-12-12', [], 6);
    expect(await db.planSettings.count()).toBe(1);
    expect((await loadPlanSettings(db))?.interviewDay).toBe('2026-12-12');
  });

  it('refuse a date that is not a calendar day', async () => {
    db = openDb(`plan-${Math.random()}`);
    await expect(savePlanSettings(db, '2026-02-30', [])).rejects.toThrow('Not a date');
    expect(await loadPlanSettings(db)).toBeUndefined();
  });
});
