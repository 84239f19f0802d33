// Exports a take (or several) as a file: the one entry point for the renderer and the CLI. Every format but
// pdf is text, returned UTF-8 encoded; pdf-lib is only loaded when a PDF is asked for.
import { exportCsv } from './csv';
import { exportJson } from './json';
import { exportMarkdown } from './markdown';
import { exportSrt } from './srt';
import { exportTimedTxt, exportTxt } from './txt';
import { EXPORT_FORMAT_INFO, exportFileName, fileDate, type ExportFormat, type ExportTake, type TextExportFormat } from './types';
import { exportVtt } from './vtt';

export * from './types';
export { transcriptCues, type Cue } from './cues';
export { exportCsv } from './csv';
export { exportJson } from './json';
export { exportMarkdown, escapeMarkdown } from './markdown';
export { exportSrt } from './srt';
export { exportTimedTxt, exportTxt } from './txt';
export { exportVtt } from './vtt';

export interface ExportFile {
  fileName: string;
  mime: string;
  data: Uint8Array;
}

/** A take in a text format, as a string (csv: the header and the take's row). */
export function exportText(take: ExportTake, format: TextExportFormat): string {
  switch (format) {
    case 'txt':
      return exportTxt(take);
    case 'txt-timed':
      return exportTimedTxt(take);
    case 'md':
      return exportMarkdown(take);
    case 'srt':
      return exportSrt(take);
    case 'vtt':
      return exportVtt(take);
    case 'json':
      return exportJson(take);
    case 'csv':
      return exportCsv([take]);
  }
}

/** pdf-lib is big: loaded on first use. */
export async function exportPdf(take: ExportTake): Promise<Uint8Array> {
  const { exportPdf: render } = await import('./pdf');
  return render(take);
}

export async function exportTake(take: ExportTake, format: ExportFormat): Promise<ExportFile> {
  const data = format === 'pdf' ? await exportPdf(take) : new TextEncoder().encode(exportText(take, format));
  return { fileName: exportFileName(take, format), mime: EXPORT_FORMAT_INFO[format].mime, data };
}

/**
 * Several takes. csv: one file, a row per take, named "rehearse-takes.csv", or with the dates of the
 * first and last take, "rehearse-takes-2026-11-01-0900-to-2026-11-21-1405.csv". Every other format: one
 * file per take, in the order given, names made unique by "-2", "-3", … before the extension.
 */
export async function exportMany(takes: readonly ExportTake[], format: ExportFormat): Promise<ExportFile[]> {
  if (format === 'csv') {
    return [{ fileName: manyCsvName(takes), mime: EXPORT_FORMAT_INFO.csv.mime, data: new TextEncoder().encode(exportCsv(takes)) }];
  }
  const files: ExportFile[] = [];
  const used = new Set<string>();
  for (const take of takes) {
    const file = await exportTake(take, format);
    files.push({ ...file, fileName: unique(file.fileName, used) });
  }
  return files;
}

function unique(fileName: string, used: Set<string>): string {
  const dot = fileName.lastIndexOf('.');
  const stem = fileName.slice(0, dot);
  const ext = fileName.slice(dot);
  let name = fileName;
  for (let n = 2; used.has(name); n++) name = `${stem}-${n}${ext}`;
  used.add(name);
  return name;
}

function manyCsvName(takes: readonly ExportTake[]): string {
  const times = takes.flatMap((t) => (t.take && Number.isFinite(t.take.startedAt) ? [t.take.startedAt] : []));
  if (times.length === 0) return 'rehearse-takes.csv';
  const first = fileDate(times.reduce((a, b) => Math.min(a, b)));
  const last = fileDate(times.reduce((a, b) => Math.max(a, b)));
  return first === last ? `rehearse-takes-${first}.csv` : `rehearse-takes-${first}-to-${last}.csv`;
}
