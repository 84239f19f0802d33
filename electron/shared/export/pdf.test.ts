import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ANSWER, FULL_TAKE, QUESTION, timedSegment, transcriptOf } from './export-test-support';
import { exportPdf, toWinAnsi, wrapText } from './pdf';

async function helveticaCharset(): Promise<Set<number>> {
  const doc = await PDFDocument.create();
  return new Set((await doc.embedFont(StandardFonts.Helvetica)).getCharacterSet());
}

describe('exportPdf', () => {
  it('writes an A4 PDF that pdf-lib loads back, titled with the question', async () => {
    const bytes = await exportPdf(FULL_TAKE);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBe(1);
    expect(doc.getTitle()).toBe(QUESTION.text);
    expect(doc.getCreator()).toBe('Rehearse');
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
  });

  it('adds pages as a long transcript needs them', async () => {
    const sentence = 'This is a fairly long sentence that keeps going so that the paragraph wraps over several lines of the page.';
    const segments = Array.from({ length: 150 }, (_, i) => timedSegment(`${i}: ${sentence}`, i * 10_000));
    const short = await PDFDocument.load(await exportPdf({ transcript: ANSWER }));
    const long = await PDFDocument.load(await exportPdf({ transcript: transcriptOf(...segments) }));
    expect(short.getPageCount()).toBe(1);
    expect(long.getPageCount()).toBeGreaterThan(5);
    expect(long.getTitle()).toBe('Transcript');
  });

  it('does not throw on emoji, CJK and other characters WinAnsi lacks; the title keeps them', async () => {
    const text = 'I shipped it 🚀👩‍💻 面接 “quoted” — ‐dash ≥ 3 ā ﬁne Привет\u200b';
    const title = `Why 🚀 ${'very '.repeat(40)}long?`;
    const bytes = await exportPdf({
      transcript: transcriptOf(timedSegment(text, 0), { startMs: 5000, endMs: 6000, text: `${'x'.repeat(300)}`, words: [] }),
      question: { ...QUESTION, text: title, stage: '段階' },
      checklist: [{ principle: '✓ Emoji 😀', item: 'Item ✔', ticked: true, evidence: { text: '🙂 yes', startMs: 0 } }],
    });
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe(title);
  });

  it('an empty transcript', async () => {
    const doc = await PDFDocument.load(await exportPdf({ transcript: { segments: [] } }));
    expect(doc.getPageCount()).toBe(1);
  });
});

describe('toWinAnsi', () => {
  it('keeps what WinAnsi has, maps near forms, drops accents it lacks, "?" for the rest', async () => {
    const charset = await helveticaCharset();
    expect(toWinAnsi('Café – “ok” — ‘a’ … € ™ •', charset)).toBe('Café – “ok” — ‘a’ … € ™ •');
    expect(toWinAnsi('a‐b ‑ c−d ― ‛x‟ 5′ ≥ ≤ → ≠', charset)).toBe("a-b - c-d — ‘x“ 5' >= <= -> !=");
    expect(toWinAnsi('ā ő ﬁ Ｆ e\u0301', charset)).toBe('a o fi F é');
    expect(toWinAnsi('🚀 👩‍💻 👍🏽 ❤️ 面接 Ж', charset)).toBe('? ? ? ? ?? ?');
    expect(toWinAnsi('zero\u200bwidth\u00adsoft\tTab\nline', charset)).toBe('zerowidthsoft Tab line');
  });
});

describe('wrapText', () => {
  it('breaks at spaces within the width, and breaks a word wider than a line', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const text = `Some words to wrap here ${'x'.repeat(120)} and after`;
    const lines = wrapText(text, font, 11, 150);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 11)).toBeLessThanOrEqual(150);
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
    expect(lines[0]).toBe('Some words to wrap here');
    expect(lines.at(-1)).toMatch(/ and after$/);
    expect(wrapText('W', font, 11, 1)).toEqual(['W']); // one character that can never fit: kept, no endless loop
    expect(wrapText('', font, 11, 100)).toEqual([]);
  });
});
