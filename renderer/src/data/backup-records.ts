// The renderer's side of a backup: every record it keeps, collected for main to zip with the audio, and
// the records of a restored backup merged in without duplicates (what is already here is kept as it is).
import type { BackupRecords } from '../../../electron/shared/backup-records';
import { BACKUP_RECORDS_FORMAT, BACKUP_RECORDS_VERSION } from '../../../electron/shared/backup-records';
import type { EntityTable, IDType, InsertType } from 'dexie';
import type { RehearseDb } from './db';
import { backfillTranscriptData } from './transcript-repo';

export async function collectRecords(db: RehearseDb): Promise<BackupRecords> {
  return db.transaction('r', [db.questions, db.attempts, db.transcripts, db.hesitations, db.loops, db.stories], async () => {
    const attempts = (await db.attempts.toArray()).filter((a) => a.deletedAt === undefined && a.status !== 'recording');
    const kept = new Set(attempts.map((a) => a.id));
    return {
      format: BACKUP_RECORDS_FORMAT,
      version: BACKUP_RECORDS_VERSION,
      questions: await db.questions.toArray(),
      attempts,
      transcripts: (await db.transcripts.toArray()).filter((t) => kept.has(t.id)),
      hesitations: (await db.hesitations.toArray()).filter((h) => kept.has(h.id)),
      loops: await db.loops.toArray(),
      stories: await db.stories.toArray(),
    };
  });
}

type Counts = { questions: number; attempts: number; transcripts: number; hesitations: number; loops: number; stories: number };

export interface MergeReport {
  added: Counts;
  alreadyHere: Counts;
}

/** Adds the records whose ids are not here yet, in one transaction (all or nothing). */
export async function mergeRecords(db: RehearseDb, records: BackupRecords): Promise<MergeReport> {
  const report: MergeReport = {
    added: { questions: 0, attempts: 0, transcripts: 0, hesitations: 0, loops: 0, stories: 0 },
    alreadyHere: { questions: 0, attempts: 0, transcripts: 0, hesitations: 0, loops: 0, stories: 0 },
  };
  const tables = [db.questions, db.attempts, db.transcripts, db.hesitations, db.searchTexts, db.loops, db.stories];
  await db.transaction('rw', tables, async () => {
    const merge = async <T extends { id: string }>(table: EntityTable<T, 'id'>, rows: T[], key: keyof MergeReport['added']) => {
      const existing = await table.bulkGet(rows.map((row) => row.id as IDType<T, 'id'>));
      const fresh = rows.filter((_, i) => existing[i] === undefined);
      if (fresh.length > 0) await table.bulkAdd(fresh as InsertType<T, 'id'>[]);
      report.added[key] = fresh.length;
      report.alreadyHere[key] = rows.length - fresh.length;
    };
    await merge(db.questions, records.questions, 'questions');
    await merge(db.attempts, records.attempts, 'attempts');
    await merge(db.transcripts, records.transcripts, 'transcripts');
    await merge(db.hesitations, records.hesitations, 'hesitations');
    await merge(db.loops, records.loops, 'loops');
    await merge(db.stories, records.stories ?? [], 'stories');
  });
  await backfillTranscriptData(db);
  return report;
}
