import { describe, expect, it } from 'vitest';
import { ANSWER, FULL_TAKE, QUESTION, STARTED_AT } from './export-test-support';
import {
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  exportFileName,
  exportMany,
  exportTake,
  exportText,
  slugify,
  type ExportFormat,
} from './index';

const decode = (data: Uint8Array) => new TextDecoder().decode(data);

describe('exportFileName', () => {
  it('date of the take (local time) and the slug of the question id', () => {
    expect(exportFileName(FULL_TAKE, 'srt')).toBe('2026-11-21-1405-wrong-decision.srt');
    expect(exportFileName(FULL_TAKE, 'txt-timed')).toBe('2026-11-21-1405-wrong-decision.txt');
    expect(exportFileName({ transcript: ANSWER }, 'md')).toBe('transcript.md');
    expect(exportFileName({ transcript: ANSWER, take: { id: 'take-x', startedAt: STARTED_AT, durationMs: 1 } }, 'pdf')).toBe(
      '2026-11-21-1405-transcript.pdf',
    );
  });

  it('only safe characters', () => {
    expect(slugify('../../Étude: Why?/<x>\\ "quotes" 面接')).toBe('etude-why-x-quotes');
    const name = exportFileName({ transcript: ANSWER, question: { ...QUESTION, id: `../${'Long Id '.repeat(20)}` } }, 'csv');
    expect(name).toMatch(/^[a-z0-9-]+\.csv$/);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(exportFileName({ transcript: ANSWER, question: { ...QUESTION, id: '面接' } }, 'json')).toBe('transcript.json');
    expect(exportFileName({ transcript: ANSWER, take: { id: 't', startedAt: Number.NaN, durationMs: 0 } }, 'vtt')).toBe('transcript.vtt');
  });
});

describe('exportTake', () => {
  it.each(EXPORT_FORMATS.filter((f): f is Exclude<ExportFormat, 'pdf'> => f !== 'pdf'))(
    '%s: UTF-8 text, name and MIME type',
    async (format) => {
      const file = await exportTake(FULL_TAKE, format);
      expect(file.fileName).toBe(`2026-11-21-1405-wrong-decision.${EXPORT_FORMAT_INFO[format].extension}`);
      expect(file.mime).toBe(EXPORT_FORMAT_INFO[format].mime);
      expect(decode(file.data)).toBe(exportText(FULL_TAKE, format));
    },
  );

  it('csv for one take is the header and one row', async () => {
    const text = decode((await exportTake(FULL_TAKE, 'csv')).data);
    expect(text.split('\r\n')).toHaveLength(3);
  });

  it('keeps non-ASCII text as UTF-8', async () => {
    const file = await exportTake({ transcript: ANSWER, question: { ...QUESTION, text: 'Café “面接” 🚀' } }, 'md');
    expect(decode(file.data).startsWith('# Café “面接” 🚀\n')).toBe(true);
  });

  it('pdf', async () => {
    const file = await exportTake(FULL_TAKE, 'pdf');
    expect(file).toMatchObject({ fileName: '2026-11-21-1405-wrong-decision.pdf', mime: 'application/pdf' });
    expect(decode(file.data.slice(0, 5))).toBe('%PDF-');
  });
});

describe('exportMany', () => {
  const later = { ...FULL_TAKE, take: { id: 'take-later0', startedAt: STARTED_AT + 86_400_000, durationMs: 1000 } };

  it('csv: one file with a row per take, named by the first and last take', async () => {
    const files = await exportMany([later, FULL_TAKE], 'csv');
    expect(files).toHaveLength(1);
    expect(files[0]?.fileName).toBe('rehearse-takes-2026-11-21-1405-to-2026-11-22-1405.csv');
    expect(decode(files[0]?.data ?? new Uint8Array()).split('\r\n')).toHaveLength(4);
    expect((await exportMany([{ transcript: ANSWER }], 'csv'))[0]?.fileName).toBe('rehearse-takes.csv');
  });

  it('other formats: one file per take, names made unique', async () => {
    const files = await exportMany([FULL_TAKE, FULL_TAKE, later, { transcript: ANSWER }], 'srt');
    expect(files.map((f) => f.fileName)).toEqual([
      '2026-11-21-1405-wrong-decision.srt',
      '2026-11-21-1405-wrong-decision-2.srt',
      '2026-11-22-1405-wrong-decision.srt',
      'transcript.srt',
    ]);
  });
});
