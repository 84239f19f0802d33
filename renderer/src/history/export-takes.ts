// Exporting takes from the app: each take with its question, recording facts, checklist (with the
// evidence sentences) and the fillers heard in its audio with the person's choices, in the format chosen,
// through the same exporters as `rehearse export`; main writes the files (a save dialog in Electron, the
// exports folder in the browser host).
import type { ExportChecklistItem, ExportFormat, ExportTake } from '../../../electron/shared/export/types';
import { exportMany } from '../../../electron/shared/export';
import type { Transcript } from '../../../electron/shared/contract';
import { isTicked, evidenceFor } from '../checklist/checklist-state';
import { cultureChecklist } from '../checklist/use-culture-checklist';
import type { Attempt, RehearseDb, StoredHesitations, StoredQuestion } from '../data/db';
import { promptKey, questionForTake } from '../followups/follow-ups';

/** The checklist as exported: the question's probed principles' items, ticked or not, and any other ticked ones. */
export function exportChecklist(attempt: Attempt, question: StoredQuestion | undefined): ExportChecklistItem[] {
  const probed = new Set<string>(question?.principles ?? []);
  const items: ExportChecklistItem[] = [];
  for (const principle of cultureChecklist.principles) {
    for (const item of principle.items) {
      const ticked = isTicked(attempt.checklist, item.id);
      if (!probed.has(principle.id) && !ticked) continue;
      const evidence = evidenceFor(attempt.checklist, item.id);
      items.push({
        principle: principle.title,
        item: item.text,
        ticked,
        ...(evidence ? { evidence: { text: evidence.text, startMs: evidence.startMs } } : {}),
      });
    }
  }
  return items;
}

/**
 * One take as exported. A follow-up take is exported as the follow-up it answered (its text and shorter
 * target, id "<question id>/<follow-up id>"), with `followUpOf` naming the question and the take it
 * followed (`parent`, when that take is still here).
 */
export function buildExportTake(
  attempt: Attempt,
  asked: StoredQuestion | undefined,
  transcript: Transcript | undefined,
  heard?: StoredHesitations,
  parent?: Attempt,
): ExportTake {
  const question = questionForTake(attempt, asked);
  const link = attempt.followUp;
  return {
    transcript: transcript ?? { segments: [] },
    ...(link
      ? {
          followUpOf: {
            questionId: attempt.questionId,
            questionText: asked?.text ?? 'A question no longer in the bank',
            takeId: link.parentTakeId,
            ...(parent ? { takeStartedAt: parent.startedAt } : {}),
          },
        }
      : {}),
    ...(question
      ? {
          question: {
            id: promptKey(attempt),
            text: question.text,
            category: question.category,
            stage: question.stage,
            targetSec: question.targetSec,
          },
        }
      : {}),
    take: { id: attempt.id, startedAt: attempt.startedAt, durationMs: attempt.durationMs },
    checklist: exportChecklist(attempt, question),
    heard: { hesitations: heard?.hesitations ?? null, ...(attempt.fillerChoices ? { choices: attempt.fillerChoices } : {}) },
  };
}

/** The takes' export files, oldest take first. */
export async function exportFiles(db: RehearseDb, ids: readonly string[], format: ExportFormat) {
  const attempts = (await db.attempts.bulkGet([...ids]))
    .filter((a): a is Attempt => a !== undefined)
    .sort((a, b) => a.startedAt - b.startedAt);
  const questions = new Map(
    (await db.questions.bulkGet(attempts.map((a) => a.questionId))).filter((q) => q !== undefined).map((q) => [q.id, q]),
  );
  const transcripts = new Map(
    (await db.transcripts.bulkGet(attempts.map((a) => a.id))).filter((t) => t !== undefined).map((t) => [t.id, t.transcript]),
  );
  const heard = new Map((await db.hesitations.bulkGet(attempts.map((a) => a.id))).filter((h) => h !== undefined).map((h) => [h.id, h]));
  const parentIds = attempts.flatMap((a) => (a.followUp ? [a.followUp.parentTakeId] : []));
  const parents = new Map(
    (await db.attempts.bulkGet(parentIds)).filter((a): a is Attempt => a !== undefined && a.deletedAt === undefined).map((a) => [a.id, a]),
  );
  return exportMany(
    attempts.map((attempt) =>
      buildExportTake(
        attempt,
        questions.get(attempt.questionId),
        transcripts.get(attempt.id),
        heard.get(attempt.id),
        attempt.followUp ? parents.get(attempt.followUp.parentTakeId) : undefined,
      ),
    ),
    format,
  );
}
