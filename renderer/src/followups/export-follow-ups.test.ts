// An exported follow-up take says what it answered: the follow-up (with its shorter target) as the
// question, and which question and take it followed, in every format that carries the question.
import { describe, expect, it } from 'vitest';
import { exportCsv, exportJson, exportMarkdown, exportFileName } from '../../../electron/shared/export';
import { CSV_COLUMNS } from '../../../electron/shared/export/csv';
import { exportPdf } from '../../../electron/shared/export/pdf';
import { PDFDocument } from 'pdf-lib';
import type { Attempt, StoredQuestion } from '../data/db';
import { buildExportTake } from '../history/export-takes';
import { followUpLink } from './follow-ups';

const question: StoredQuestion = {
  id: 'behavioural-recent-failure',
  text: 'What have you failed at recently?',
  category: 'behavioural',
  stage: 'team-interview',
  principles: ['intellectual-honesty'],
  targetSec: 90,
  followUps: [
    { id: 'more-recent', text: 'What have you failed at in the last three months?' },
    { id: 'your-part', text: 'Which part of that failure was yours?' },
  ],
  packId: 'netflix-loop',
  order: 2,
  origin: 'bundled',
};
const parent: Attempt = {
  id: 'take-parent1',
  questionId: question.id,
  startedAt: Date.UTC(2026, 10, 30, 10, 0),
  durationMs: 80_000,
  fileName: 'take-parent1.wav',
  status: 'complete',
  droppedMs: 0,
};
const child: Attempt = {
  ...parent,
  id: 'take-follow1',
  startedAt: parent.startedAt + 120_000,
  durationMs: 40_000,
  fileName: 'take-follow1.wav',
  followUp: followUpLink(question, 'your-part', parent.id) ?? undefined,
};
const transcript = { segments: [{ startMs: 0, endMs: 900, text: 'Mine.', words: [{ text: 'Mine.', startMs: 0, endMs: 900 }] }] };

describe('an exported follow-up take', () => {
  const take = buildExportTake(child, question, transcript, undefined, parent);

  it('has the follow-up as its question, with the follow-up’s target, and names what it followed', () => {
    expect(take.question).toEqual({
      id: 'behavioural-recent-failure/your-part',
      text: 'Which part of that failure was yours?',
      category: 'behavioural',
      stage: 'team-interview',
      targetSec: 45,
    });
    expect(take.followUpOf).toEqual({
      questionId: question.id,
      questionText: question.text,
      takeId: parent.id,
      takeStartedAt: parent.startedAt,
    });
    expect(exportFileName(take, 'md')).toMatch(/-behavioural-recent-failure-your-part\.md$/);
  });

  it('says so in Markdown, JSON, CSV and PDF', async () => {
    const md = exportMarkdown(take);
    expect(md).toMatch(
      /^# Which part of that failure was yours\?\n\n_Follow-up to “What have you failed at recently\?” \(answer of .+\)_\n/,
    );
    expect(md).toContain('Target: 45 s');
    expect(JSON.parse(exportJson(take)).followUpOf).toEqual(take.followUpOf);
    const [header, row] = exportCsv([take]).split('\r\n');
    expect(header?.split(',').slice(-2)).toEqual(['follow_up_of_take_id', 'follow_up_of_question']);
    expect(row?.split(',').slice(-2)).toEqual([parent.id, question.text]);
    const pdf = await PDFDocument.load(await exportPdf(take));
    expect(pdf.getTitle()).toBe('Which part of that failure was yours?');
  });

  it('still names the take it followed once that take is deleted', () => {
    const orphan = buildExportTake(child, question, transcript);
    expect(orphan.followUpOf).toEqual({ questionId: question.id, questionText: question.text, takeId: parent.id });
    expect(exportMarkdown(orphan)).toContain(`(answer ${parent.id}, since deleted)`);
  });

  it('leaves an answer’s export as it was: no follow-up fields, empty follow-up columns', () => {
    const answer = buildExportTake(parent, question, transcript);
    expect(answer.followUpOf).toBeUndefined();
    expect(answer.question?.id).toBe(question.id);
    expect(exportMarkdown(answer)).not.toContain('Follow-up');
    const row = exportCsv([answer]).split('\r\n')[1]?.split(',') ?? [];
    expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(row.slice(-2)).toEqual(['', '']);
  });
});
