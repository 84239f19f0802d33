// `rehearse export` with in-memory streams and transcript files in a temp folder.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectOneLineFailure, runInMemory } from './cli-test-support';
import { exportText } from '../shared/export/index';
import { runExport, writeFileAtomically } from './export-command';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-export-test-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const run = (argv: string[]) => runInMemory(argv);

async function writeFile(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const TRANSCRIPT = {
  segments: [
    {
      startMs: 500,
      endMs: 3000,
      text: 'Um, I built <it> & shipped it.',
      words: [
        { text: ' Um,', startMs: 500, endMs: 1000, p: 0.8 },
        { text: ' I', startMs: 1000, endMs: 1500 },
        { text: ' built', startMs: 1500, endMs: 2000 },
        { text: ' <it>', startMs: 2000, endMs: 2300 },
        { text: ' &', startMs: 2300, endMs: 2500 },
        { text: ' shipped', startMs: 2500, endMs: 2800 },
        { text: ' it.', startMs: 2800, endMs: 3000 },
      ],
    },
    {
      startMs: 65_000,
      endMs: 66_000,
      text: 'We did.',
      words: [
        { text: ' We', startMs: 65_000, endMs: 65_400 },
        { text: ' did.', startMs: 65_400, endMs: 66_000 },
      ],
    },
  ],
};

describe('rehearse export', () => {
  it.each([
    ['txt', 'Um, I built <it> & shipped it.\n\nWe did.\n'],
    ['srt', '1\n00:00:00,500 --> 00:00:03,000\nUm, I built <it> & shipped it.\n\n2\n00:01:05,000 --> 00:01:06,000\nWe did.\n'],
    [
      'vtt',
      'WEBVTT\n\n00:00:00.500 --> 00:00:03.000\nUm, I built &lt;it&gt; &amp; shipped it.\n\n00:01:05.000 --> 00:01:06.000\nWe did.\n',
    ],
  ])('--format %s prints to stdout, exit 0', async (format, expected) => {
    const file = await writeFile('answer.json', TRANSCRIPT);
    const result = await run(['export', '--format', format, file]);
    expect(result).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it("--format md, json and csv are the shared exporters' output", async () => {
    const file = await writeFile('answer.json', TRANSCRIPT);
    for (const format of ['md', 'json', 'csv'] as const) {
      const result = await run(['export', file, '--format', format]);
      expect(result).toEqual({ code: 0, stdout: exportText({ transcript: TRANSCRIPT }, format), stderr: '' });
    }
    const json = JSON.parse((await run(['export', '-f', 'json', file])).stdout) as Record<string, unknown>;
    expect(json.segments).toEqual(TRANSCRIPT.segments);
    expect(json.metrics).toMatchObject({ wordCount: 8, fillerCount: 1 });
    const csv = (await run(['export', '-f', 'csv', file])).stdout.split('\r\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]?.startsWith('take_id,date,question,')).toBe(true);
  });

  it('--timestamps selects timed text', async () => {
    const file = await writeFile('answer.json', TRANSCRIPT);
    const result = await run(['export', '--format', 'txt', '--timestamps', file]);
    expect(result).toEqual({ code: 0, stdout: '[0:00] Um, I built <it> & shipped it.\n[1:05] We did.\n', stderr: '' });
  });

  it('--out writes the file, replacing it whole, prints nothing, leaves no temp file', async () => {
    const file = await writeFile('answer.json', TRANSCRIPT);
    const outDir = await fs.mkdtemp(path.join(dir, 'out-'));
    const out = path.join(outDir, 'answer.srt');
    await fs.writeFile(out, 'an older, longer file that must be replaced completely\n'.repeat(50));
    const result = await run(['export', '--format', 'srt', file, '--out', out]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await fs.readFile(out, 'utf8')).toBe(exportText({ transcript: TRANSCRIPT }, 'srt'));
    expect(await fs.readdir(outDir)).toEqual(['answer.srt']);
    // -o and a relative path work too (resolved against the working directory).
    const relative = path.relative(process.cwd(), path.join(outDir, 'answer.md'));
    expect((await run(['export', '-f', 'md', file, '-o', relative])).code).toBe(0);
    expect((await fs.readdir(outDir)).sort()).toEqual(['answer.md', 'answer.srt']);
  });

  it('--help prints the usage on stdout, saying pdf is app-only', async () => {
    const result = await run(['export', '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      'Usage: rehearse export --format <txt|md|srt|vtt|json|csv> <transcript.json> [--out <file>] [--timestamps]',
    );
    expect(result.stdout).toContain('PDF is not offered here');
    expect((await run(['--help'])).stdout).toMatch(/\n {2}export +write a transcript as txt, md, srt, vtt, json or csv\n/);
  });

  describe('bad input or output: exit 1 and one line on stderr', () => {
    it('names the bad field of a file that is not a transcript', async () => {
      const bad = structuredClone(TRANSCRIPT) as { segments: { words: Record<string, unknown>[] }[] };
      (bad.segments[0] as { words: Record<string, unknown>[] }).words[2] = { text: 'built', startMs: '1500', endMs: 2000 };
      expectOneLineFailure(
        await run(['export', '--format', 'srt', await writeFile('bad-field.json', bad)]),
        1,
        /^rehearse export: bad-field\.json is not a transcript \(\{"segments":\[\.\.\.\]\}\): segments\.0\.words\.2\.startMs: .*number/,
      );
      expectOneLineFailure(
        await run(['export', '--format', 'txt', await writeFile('broken.json', '{"segments": [\n')]),
        1,
        /^rehearse export: broken\.json is not valid JSON: /,
      );
      expectOneLineFailure(
        await run(['export', '--format', 'txt', path.join(dir, 'absent.json')]),
        1,
        /no such transcript file: .*absent\.json\n$/,
      );
    });

    it('an output folder that does not exist, or an output that is a folder; nothing is left behind', async () => {
      const file = await writeFile('answer.json', TRANSCRIPT);
      expectOneLineFailure(
        await run(['export', '--format', 'txt', file, '--out', path.join(dir, 'no-such-folder', 'a.txt')]),
        1,
        /^rehearse export: cannot write .*a\.txt: no such folder .*no-such-folder\n$/,
      );
      const folder = await fs.mkdtemp(path.join(dir, 'target-'));
      expectOneLineFailure(await run(['export', '--format', 'txt', file, '--out', folder]), 1, /cannot write .*: it is a folder/);
      expect(await fs.readdir(folder)).toEqual([]);
    });
  });

  it('writeFileAtomically removes its temp file and keeps the old file when the rename fails', async () => {
    const folder = await fs.mkdtemp(path.join(dir, 'rename-'));
    const target = path.join(folder, 'kept.txt');
    await fs.writeFile(target, 'old');
    const rename = vi.spyOn(fs, 'rename').mockRejectedValueOnce(Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' }));
    try {
      await expect(writeFileAtomically(target, 'new')).rejects.toThrow(/^cannot write .*kept\.txt: EXDEV: cross-device link$/);
    } finally {
      rename.mockRestore();
    }
    expect(await fs.readdir(folder)).toEqual(['kept.txt']);
    expect(await fs.readFile(target, 'utf8')).toBe('old');
  });

  describe('command-line mistakes: exit 2 and one line on stderr ending with the usage', () => {
    const usage =
      'Usage: rehearse export --format <txt\\|md\\|srt\\|vtt\\|json\\|csv> <transcript\\.json> \\[--out <file>\\] \\[--timestamps\\]\\n$';
    it.each([
      [['export', 'a.json'], '^rehearse export: missing --format \\(txt, md, srt, vtt, json, csv\\)\\. '],
      [['export', '--format', 'pdf', 'a.json'], 'pdf is not offered on the command line: export a PDF from the app\\. '],
      [['export', '--format', 'docx', 'a.json'], '--format must be one of txt, md, srt, vtt, json, csv, got docx\\. '],
      [['export', '--format', 'srt', '--timestamps', 'a.json'], '--timestamps only applies to --format txt, not srt\\. '],
      [['export', '--format', 'txt'], 'missing the transcript file\\. '],
      [['export', '--format', 'txt', 'a.json', 'b.json'], 'one transcript at a time, got 2\\. '],
      [['export', '--format', 'txt', 'a.json', '--outt', 'x'], '^rehearse export: unknown option --outt\\. '],
      [['export', '--format', 'txt', 'a.json', '--out'], '--out'],
      [['export', '--format', 'txt', 'a.json', '--out', ''], '--out needs a file name\\. '],
      [['export', '--format'], '--format'],
    ])('%j', async (argv, start) => {
      expectOneLineFailure(await run(argv), 2, new RegExp(`${start}.*${usage}`));
    });

    it('runExport directly', async () => {
      let stderr = '';
      const code = await runExport([], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
      expect(code).toBe(2);
      expect(stderr).toMatch(/missing --format/);
    });
  });
});
