// PDF (pdf-lib): A4 portrait, Helvetica. The question as the title ("Transcript" without one), a meta line
// (stage, category, target, recording date and length), the transcript as paragraphs with their start time
// in the left margin, the checklist (a box, ticked or not, per item; grouped by principle; the evidence
// quoted below in italics with its time), then the metrics (metrics.ts). Text is wrapped at spaces to the
// page width (a word wider than the line is broken where it must), and pages are added as needed; each page
// is numbered "n of N" at the foot. The document's Title is the question (in full Unicode).
//
// The character limit: the 14 standard PDF fonts are not embedded and only encode WinAnsi (Windows-1252:
// ASCII, Latin-1 and a few more such as ‘ ’ “ ” – — … • € ™). Drawn text is therefore made WinAnsi by
// toWinAnsi: characters WinAnsi has (curly quotes and en/em dashes included) stay; other dashes, primes,
// quotes, arrows and comparison signs become their nearest WinAnsi/ASCII form (‐ → -, ― → —, ‛ → ‘,
// ≥ → >=, → → ->); letters with accents WinAnsi lacks lose the accent (ā → a, ﬁ → fi); invisible
// characters (zero-width space, soft hyphen, direction marks) are dropped and whitespace becomes a space;
// anything else (emoji, CJK, Cyrillic, Greek, …) becomes "?", one per character as seen (grapheme). A PDF
// that keeps those would have to embed a Unicode font, which this export does not do. The document's
// Title metadata is not drawn, so it keeps the full text.
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { metricRows, takeMetrics } from './metrics';
import { formatClock, formatDateTime, formatLength, oneLine, textSegments } from './text';
import { followUpOfText, type ExportChecklistItem, type ExportTake } from './types';

const PAGE: [number, number] = [595.28, 841.89]; // A4 in points
const MARGIN = 56;
const FOOT = 32;
const WIDTH = PAGE[0] - 2 * MARGIN;
const GUTTER = 48; // transcript times and checklist boxes sit in it
const METRIC_LABEL_WIDTH = 150;
const INK = rgb(0.1, 0.1, 0.1);
const MUTED = rgb(0.42, 0.42, 0.42);

const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2010': '-', // hyphen
  '\u2011': '-', // non-breaking hyphen
  '\u2012': '–', // figure dash
  '\u2015': '—', // horizontal bar
  '\u2043': '-', // hyphen bullet
  '\u2212': '-', // minus sign
  '\u201B': '‘',
  '\u201F': '“',
  '\u02BC': '’', // modifier letter apostrophe
  '\u02B9': "'",
  '\u02BA': '"',
  '\u2032': "'", // prime
  '\u2033': '"',
  '\u2035': "'",
  '\u2044': '/',
  '\u2215': '/',
  '\u2027': '·',
  '\u2219': '·',
  '\u22C5': '·',
  '\u25CF': '•',
  '\u25E6': '•',
  '\u2190': '<-',
  '\u2192': '->',
  '\u2194': '<->',
  '\u21D2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2248': '~',
};

const INVISIBLE = /[\p{Cf}\p{Cc}\p{M}]/gu;

function graphemes(text: string): string[] {
  if (typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function') {
    return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (s) => s.segment);
  }
  return Array.from(text);
}

/** Text the standard fonts can draw (see the top of this file); `charset` is font.getCharacterSet(). */
export function toWinAnsi(text: string, charset: ReadonlySet<number>): string {
  const encodable = (s: string) => Array.from(s).every((ch) => charset.has(ch.codePointAt(0) as number));
  let out = '';
  for (const g of graphemes(text.normalize('NFC'))) {
    const visible = g.replace(INVISIBLE, '');
    if (/^\s+$/u.test(g)) out += ' ';
    else if (visible === '') continue;
    else if (encodable(g)) out += g;
    else if (REPLACEMENTS[g] !== undefined) out += REPLACEMENTS[g];
    else {
      const base = g.normalize('NFKD').replace(INVISIBLE, '');
      out += encodable(visible) ? visible : base !== '' && encodable(base) ? base : '?';
    }
  }
  return out;
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

interface Style {
  font: PDFFont;
  size: number;
  color?: RGB;
  /** Left edge, from the margin. */
  indent?: number;
  /** Space after the block. */
  after?: number;
}

/** Lines of at most `width` points, broken at spaces; a word wider than a line is broken by characters. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (line !== '') lines.push(line);
    let rest = word;
    while (rest.length > 1 && !fits(rest)) {
      let cut = rest.length - 1;
      while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line !== '') lines.push(line);
  return lines;
}

class Writer {
  private page: PDFPage;
  private y: number;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: Fonts,
    private readonly charset: ReadonlySet<number>,
  ) {
    this.page = doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }

  text(value: string): string {
    return toWinAnsi(oneLine(value), this.charset);
  }

  /** Room for `height` points on this page, else a new page. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOT / 2) {
      this.page = this.doc.addPage(PAGE);
      this.y = PAGE[1] - MARGIN;
    }
  }

  space(points: number): void {
    this.y -= points;
  }

  /**
   * A wrapped block of text. `mark` draws in the gutter beside its first line (a time, a checkbox, a
   * label); the block is then indented by the gutter's width.
   */
  block(value: string, style: Style, mark?: (page: PDFPage, baseline: number) => void, gutter = GUTTER): void {
    const indent = (style.indent ?? 0) + (mark ? gutter : 0);
    const lineHeight = style.size * 1.4;
    const lines = wrapText(this.text(value), style.font, style.size, WIDTH - indent);
    lines.forEach((line, i) => {
      this.ensure(lineHeight);
      const baseline = this.y - style.size;
      if (i === 0) mark?.(this.page, baseline);
      this.page.drawText(line, { x: MARGIN + indent, y: baseline, size: style.size, font: style.font, color: style.color ?? INK });
      this.y -= lineHeight;
    });
    this.y -= style.after ?? 0;
  }

  heading(value: string): void {
    this.space(10);
    this.ensure(60); // keep a heading with what follows
    this.block(value, { font: this.fonts.bold, size: 13, after: 4 });
  }

  /** Numbers every page "n of N" at the foot. */
  finish(): void {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      const label = `${i + 1} of ${pages.length}`;
      const size = 8;
      const x = (PAGE[0] - this.fonts.regular.widthOfTextAtSize(label, size)) / 2;
      page.drawText(label, { x, y: FOOT - size, size, font: this.fonts.regular, color: MUTED });
    });
  }
}

function metaLine(take: ExportTake): string {
  const parts: string[] = [];
  const q = take.question;
  if (q) {
    if (oneLine(q.stage)) parts.push(`Stage: ${q.stage}`);
    if (oneLine(q.category)) parts.push(`Category: ${q.category}`);
    if (Number.isFinite(q.targetSec) && q.targetSec > 0) parts.push(`Target: ${formatLength(q.targetSec * 1000)}`);
  }
  if (take.take) {
    const date = formatDateTime(take.take.startedAt);
    if (date) parts.push(`Recorded: ${date}`);
    if (Number.isFinite(take.take.durationMs)) parts.push(`Length: ${formatLength(take.take.durationMs)}`);
  }
  return parts.join('  ·  ');
}

function checkbox(ticked: boolean, size: number): (page: PDFPage, baseline: number) => void {
  return (page, baseline) => {
    const box = size * 0.8;
    const x = MARGIN + GUTTER - box - 8;
    const y = baseline - 1;
    page.drawRectangle({ x, y, width: box, height: box, borderColor: INK, borderWidth: 0.8 });
    if (ticked) {
      page.drawLine({
        start: { x: x + box * 0.2, y: y + box * 0.5 },
        end: { x: x + box * 0.42, y: y + box * 0.22 },
        thickness: 1.2,
        color: INK,
      });
      page.drawLine({
        start: { x: x + box * 0.42, y: y + box * 0.22 },
        end: { x: x + box * 0.85, y: y + box * 0.85 },
        thickness: 1.2,
        color: INK,
      });
    }
  };
}

function writeChecklist(w: Writer, items: readonly ExportChecklistItem[]): void {
  const groups = new Map<string, ExportChecklistItem[]>();
  for (const item of items) {
    const principle = oneLine(item.principle);
    groups.set(principle, [...(groups.get(principle) ?? []), item]);
  }
  for (const [principle, group] of groups) {
    if (principle !== '') {
      w.space(4);
      w.ensure(40);
      w.block(principle, { font: w.fonts.bold, size: 11, after: 2 });
    }
    for (const item of group) {
      w.block(item.item, { font: w.fonts.regular, size: 11, after: 2 }, checkbox(item.ticked, 11));
      if (item.evidence && oneLine(item.evidence.text) !== '') {
        const quote = `“${oneLine(item.evidence.text)}” (${formatClock(item.evidence.startMs)})`;
        w.block(quote, { font: w.fonts.italic, size: 10, color: MUTED, indent: GUTTER, after: 2 });
      }
    }
  }
}

export async function exportPdf(take: ExportTake): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const title = take.question && oneLine(take.question.text) !== '' ? oneLine(take.question.text) : 'Transcript';
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setSubject('Interview answer transcript');
  doc.setCreator('Rehearse');
  doc.setProducer('Rehearse (pdf-lib)');

  const w = new Writer(doc, fonts, new Set(fonts.regular.getCharacterSet()));
  w.block(title, { font: fonts.bold, size: 18, after: 4 });
  const followUp = followUpOfText(take);
  if (followUp) w.block(followUp, { font: fonts.italic, size: 10, color: MUTED, after: 4 });
  const meta = metaLine(take);
  if (meta) w.block(meta, { font: fonts.regular, size: 9.5, color: MUTED, after: 4 });

  w.heading('Transcript');
  const segments = textSegments(take);
  if (segments.length === 0) w.block('Nothing was transcribed.', { font: fonts.italic, size: 11, color: MUTED });
  for (const segment of segments) {
    const time = formatClock(segment.startMs);
    w.block(segment.text, { font: fonts.regular, size: 11, after: 5 }, (page, baseline) =>
      page.drawText(time, { x: MARGIN, y: baseline, size: 9, font: fonts.bold, color: MUTED }),
    );
  }

  if (take.checklist && take.checklist.length > 0) {
    w.heading('Checklist');
    writeChecklist(w, take.checklist);
  }

  w.heading('Metrics');
  for (const row of metricRows(takeMetrics(take))) {
    const label = w.text(row.label);
    const mark = (page: PDFPage, baseline: number) =>
      page.drawText(label, { x: MARGIN, y: baseline, size: 10, font: fonts.bold, color: INK });
    w.block(row.value, { font: fonts.regular, size: 10, after: 2 }, mark, METRIC_LABEL_WIDTH);
  }

  w.finish();
  return doc.save();
}
