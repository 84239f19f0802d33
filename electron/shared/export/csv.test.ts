import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, csvText, exportCsv } from './csv';
import { ANSWER, FULL_TAKE, QUESTION, STARTED_AT } from './export-test-support';
import type { ExportTake } from './types';

/** RFC 4180: fields separated by commas, rows by CRLF; a quoted field may hold commas, CRLF and "" (one "). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
      } else {
        field += c;
        i += 1;
      }
    } else if (c === '"') {
      if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ',') {
      row.push(field);
      field = '';
      i += 1;
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i += 2;
    } else if (c === '\r' || c === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += c;
      i += 1;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || row.length > 0) throw new Error('last row without CRLF');
  return rows;
}

function records(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  expect(header).toEqual([...CSV_COLUMNS]);
  for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
  return rows.map((row) => Object.fromEntries(row.map((cell, i) => [CSV_COLUMNS[i] as string, cell])));
}

describe('exportCsv', () => {
  it('a header and one row per take, CRLF line ends', () => {
    const text = exportCsv([FULL_TAKE, { transcript: ANSWER }]);
    expect(text.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const [full, bare] = records(text);
    expect(full).toEqual({
      take_id: 'take-abc123def',
      date: new Date(STARTED_AT).toISOString(),
      question: 'Tell me about a time you made the wrong decision.',
      category: 'Judgement',
      stage: 'Onsite',
      duration_ms: '25000',
      target_sec: '90',
      word_count: '43',
      speech_ms: '21200',
      wpm: '121.7',
      filler_count: '2',
      fillers_per_min: '5.7',
      transcribed_filler_count: '1',
      confirmed_filler_count: '1',
      heard_filler_count: '1',
      long_pause_count: '2',
      think_time_ms: '1500',
      hedge_count: '1',
      calibrated_count: '1',
      i_count: '3',
      we_count: '2',
      checklist_ticked: '2',
      checklist_items: '3',
      // Not a follow-up take.
      follow_up_of_take_id: '',
      follow_up_of_question: '',
    });
    // Without question, take or checklist those cells are empty; the duration is the last word's end.
    expect(bare).toMatchObject({ take_id: '', date: '', question: '', target_sec: '', duration_ms: '22700', checklist_items: '' });
    // Without what was heard, the fillers are the transcript's; the heard count is unknown, not 0.
    expect(bare).toMatchObject({ filler_count: '1', transcribed_filler_count: '1', confirmed_filler_count: '0', heard_filler_count: '' });
  });

  it('quotes commas, quotes and line breaks in the question, and reads back exactly', () => {
    const question = 'Tell me, "honestly",\nabout a time\r\nyou failed; then, again';
    const text = exportCsv([{ ...FULL_TAKE, question: { ...QUESTION, text: question, category: 'a,b' } }]);
    expect(text).toContain('"Tell me, ""honestly"",\nabout a time\r\nyou failed; then, again","a,b"');
    const [row] = records(text);
    expect(row).toMatchObject({ question, category: 'a,b' });
  });

  it('guards text cells against formula injection with a leading apostrophe', () => {
    const takes: ExportTake[] = ['=HYPERLINK("http://x","y")', '+1+1', '-2', '@SUM(A1)', '\tTab', 'fine = ok'].map((text) => ({
      transcript: { segments: [] },
      question: { ...QUESTION, text, stage: '=cmd|/c calc', category: '-' },
    }));
    const rows = records(exportCsv(takes));
    expect(rows.map((r) => r.question)).toEqual(['\'=HYPERLINK("http://x","y")', "'+1+1", "'-2", "'@SUM(A1)", "'\tTab", 'fine = ok']);
    expect(rows.every((r) => r.stage === "'=cmd|/c calc" && r.category === "'-")).toBe(true);
    // Number columns are not text: an empty transcript gives empty or zero numbers, never a prefix.
    expect(rows[0]).toMatchObject({ word_count: '0', wpm: '', think_time_ms: '' });
    expect(csvText('-3')).toBe("'-3");
    // What spreadsheets still read as a formula: after spaces, tabs or line breaks, or a full-width sign.
    for (const sneaky of [' =1+1', '\t=1+1', '\t\t=cmd', '\n=1+1', '\r\n=1+1', '\u3000=1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' \t @x']) {
      expect(csvText(sneaky)).toBe(`'${sneaky}`);
    }
    expect(csvText('plain text')).toBe('plain text');
    expect(csvText(' leading space, then words')).toBe(' leading space, then words');
    expect(csvField("'=1,2")).toBe('"\'=1,2"');
  });

  it('no takes: only the header', () => {
    expect(exportCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
