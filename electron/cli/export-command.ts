// `rehearse export --format <txt|md|srt|vtt|json|csv> <transcript.json> [--out <file>] [--timestamps]`:
// writes a transcript (the shape `rehearse transcribe --json` writes: {"segments":[...]}) in another
// format, with the exporters the app uses (electron/shared/export). To stdout, or with --out to a file,
// written whole or not at all (a temp file in the same folder, then renamed over the target) and with
// nothing printed. PDF is app-only. On failure prints one line on stderr and exits non-zero (see EXIT):
// 2 for a wrong command line, 1 for a transcript that cannot be read or is not one (the line names the
// bad field, e.g. segments.0.words.2.startMs) or an output file that cannot be written.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { exportText, type TextExportFormat } from '../shared/export/index';
import { errorLine, EXIT, parseCommandLine, parseOrExit, UsageError, type CliIo } from './io';
import { readTranscript } from './read-transcript';

const NAME = 'rehearse export';
const SYNOPSIS = 'rehearse export --format <txt|md|srt|vtt|json|csv> <transcript.json> [--out <file>] [--timestamps]';
const FORMATS = ['txt', 'md', 'srt', 'vtt', 'json', 'csv'] as const;
type CliFormat = (typeof FORMATS)[number];

export const EXPORT_USAGE = `Usage: ${SYNOPSIS}

Writes a transcript in another format. The transcript is what \`rehearse transcribe --json\`
prints: {"segments":[...]}.

  txt   plain text, a paragraph per segment (--timestamps: a "[0:05] …" line per segment)
  md    Markdown: the transcript with timestamps and a table of speaking metrics
  srt   SubRip subtitles (cues of up to two 42-character lines and 7 s)
  vtt   WebVTT subtitles (the same cues)
  json  the transcript with word timing, plus the speaking metrics
  csv   a header and one row of speaking metrics

PDF is not offered here: export a PDF from the app.

  --format F     one of txt, md, srt, vtt, json, csv (required)
  --out FILE     write to FILE instead of stdout: replaced whole (never left half-written), nothing printed
  --timestamps   with --format txt: start each segment with its time
  -h, --help     show this help
`;

interface ExportArgs {
  input: string;
  format: TextExportFormat;
  out: string | undefined;
  help: boolean;
}

function isCliFormat(value: string): value is CliFormat {
  return (FORMATS as readonly string[]).includes(value);
}

function parse(argv: string[]): ExportArgs {
  const { values, positionals } = parseCommandLine(argv, {
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    timestamps: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { input: '', format: 'txt', out: undefined, help: true };
  const format = values.format;
  if (format === undefined) throw new UsageError(`missing --format (${FORMATS.join(', ')})`);
  if (format === 'pdf') throw new UsageError('pdf is not offered on the command line: export a PDF from the app');
  if (!isCliFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got ${format}`);
  if (values.timestamps && format !== 'txt') throw new UsageError(`--timestamps only applies to --format txt, not ${format}`);
  if (values.out === '') throw new UsageError('--out needs a file name');
  if (positionals.length === 0) throw new UsageError('missing the transcript file');
  if (positionals.length > 1) throw new UsageError(`one transcript at a time, got ${positionals.length}`);
  return {
    input: positionals[0] as string,
    format: format === 'txt' && values.timestamps ? 'txt-timed' : format,
    out: values.out,
    help: false,
  };
}

/**
 * Writes `text` to `file` all or nothing: to a new temp file beside it (same folder, so the rename stays on
 * one file system), flushed to disk, then renamed over `file`. The temp file is removed on failure.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const target = path.resolve(file);
  const stat = await fs.stat(target).catch(() => null);
  if (stat?.isDirectory()) throw new Error(`cannot write ${file}: it is a folder`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new Error(`cannot write ${file}: no such folder ${path.dirname(target)}`, { cause: error });
    if (code === 'EACCES' || code === 'EPERM') throw new Error(`cannot write ${file}: permission denied`, { cause: error });
    throw new Error(`cannot write ${file}: ${message}`, { cause: error });
  }
}

export async function runExport(argv: string[], io: CliIo): Promise<number> {
  const args = parseOrExit(argv, io, { name: NAME, synopsis: SYNOPSIS, usage: EXPORT_USAGE, parse });
  if (typeof args === 'number') return args;
  try {
    const transcript = await readTranscript(args.input);
    const text = exportText({ transcript }, args.format);
    if (args.out === undefined) io.stdout.write(text);
    else await writeFileAtomically(args.out, text);
  } catch (error) {
    errorLine(io, NAME, (error as Error).message);
    return EXIT.failed;
  }
  return EXIT.ok;
}
