// `rehearse analyze` with in-memory streams and transcript files in a temp folder.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineFailure, runInMemory } from './cli-test-support';
import { runAnalyze } from './analyze-command';

let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-analyze-test-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const run = (argv: string[]) => runInMemory(argv);

async function writeFile(name: string, content: unknown): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

// 6 words from 500 to 3500 ms (speechMs 3000, 120.0 wpm); "Um," is a filler (1 / 0.05 min = 20.0 per
// minute); 3000 → 5000 is a 2000 ms pause after word 3; think time 500.
const TRANSCRIPT = {
  segments: [
    {
      startMs: 500,
      endMs: 3000,
      text: 'Um, I built it',
      words: [
        { text: ' Um,', startMs: 500, endMs: 1000, p: 0.8 },
        { text: ' I', startMs: 1000, endMs: 1500 },
        { text: ' built', startMs: 1500, endMs: 2500 },
        { text: ' it.', startMs: 2500, endMs: 3000 },
      ],
    },
    {
      startMs: 5000,
      endMs: 5500,
      text: 'We shipped.',
      words: [
        { text: ' We', startMs: 5000, endMs: 5200 },
        { text: ' shipped.', startMs: 5200, endMs: 5500 },
      ],
    },
  ],
};

describe('rehearse analyze', () => {
  it('prints the metrics as indented JSON with the required keys, exit 0', async () => {
    const file = await writeFile('answer.json', TRANSCRIPT);
    const result = await run(['analyze', file]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('}\n')).toBe(true);
    const metrics = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(result.stdout).toBe(`${JSON.stringify(metrics, null, 2)}\n`);
    expect(Object.keys(metrics).slice(0, 5)).toEqual(['wordCount', 'speechMs', 'wpm', 'fillerCount', 'fillersPerMin']);
    expect(Object.keys(metrics)).toEqual(expect.arrayContaining(['longPauseCount', 'thinkTimeMs']));
    // Speech from 500 to 5500 ms: 6 words / (5000 / 60000) = 72.0 wpm; 1 filler → 12.0 per minute.
    expect(metrics).toMatchObject({
      wordCount: 6,
      speechMs: 5000,
      wpm: 72,
      fillerCount: 1,
      fillersPerMin: 12,
      longPauseCount: 1,
      longPauses: [{ afterWordIndex: 3, startMs: 3000, durationMs: 2000 }],
      thinkTimeMs: 500,
      durationMs: 5500,
      targetSec: null,
      durationVsTarget: null,
      iCount: 1,
      weCount: 1,
      iShare: 0.5,
    });
  });

  it('--target-sec and --duration-ms: 6000 ms against 5 s → 1.2, 1000 ms over (runAnalyze called directly)', async () => {
    const file = await writeFile('target.json', TRANSCRIPT);
    let stdout = '';
    const code = await runAnalyze([file, '--target-sec', '5', '--duration-ms', '6000'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ durationMs: 6000, targetSec: 5, durationVsTarget: 1.2, overTargetMs: 1000 });
  });

  it('an empty transcript is fine: zeros and nulls', async () => {
    const file = await writeFile('empty.json', { segments: [] });
    const result = await run(['analyze', file]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      wordCount: 0,
      speechMs: 0,
      wpm: null,
      fillerCount: 0,
      fillersPerMin: null,
      longPauseCount: 0,
      thinkTimeMs: null,
    });
  });

  it('--help prints the usage on stdout', async () => {
    const result = await run(['analyze', '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Usage: rehearse analyze <transcript.json> [--target-sec N] [--duration-ms N]');
    expect((await run(['--help'])).stdout).toMatch(/\n {2}analyze +print speaking metrics of a transcript as JSON\n/);
  });

  describe('bad input: exit 1 and one line on stderr', () => {
    it('names the bad field of a file that is not a transcript', async () => {
      const bad = structuredClone(TRANSCRIPT) as { segments: { words: Record<string, unknown>[] }[] };
      (bad.segments[0] as { words: Record<string, unknown>[] }).words[2] = { text: 'built', startMs: '1500', endMs: 2500 };
      expectOneLineFailure(
        await run(['analyze', await writeFile('bad-field.json', bad)]),
        1,
        /^rehearse analyze: bad-field\.json is not a transcript \(\{"segments":\[\.\.\.\]\}\): segments\.0\.words\.2\.startMs: .*number/,
      );
      expectOneLineFailure(
        await run(['analyze', await writeFile('no-segments.json', { words: [] })]),
        1,
        /no-segments\.json is not a transcript .*: segments: /,
      );
      expectOneLineFailure(
        await run(['analyze', await writeFile('array.json', [])]),
        1,
        /array\.json is not a transcript .*: the top level: /,
      );
    });

    it('invalid JSON, a missing file, a folder', async () => {
      expectOneLineFailure(
        await run(['analyze', await writeFile('broken.json', '{"segments": [\n')]),
        1,
        /^rehearse analyze: broken\.json is not valid JSON: /,
      );
      expectOneLineFailure(
        await run(['analyze', path.join(dir, 'absent.json')]),
        1,
        /^rehearse analyze: no such transcript file: .*absent\.json\n$/,
      );
      expectOneLineFailure(await run(['analyze', dir]), 1, /is a folder, not a transcript file/);
    });
  });

  describe('command-line mistakes: exit 2 and one line on stderr ending with the usage', () => {
    const usage = 'Usage: rehearse analyze <transcript\\.json> \\[--target-sec N\\] \\[--duration-ms N\\] \\[--audio <wav>\\]\\n$';
    it.each([
      [['analyze'], '^rehearse analyze: missing the transcript file\\. '],
      [['analyze', 'a.json', 'b.json'], 'one transcript at a time, got 2\\. '],
      [['analyze', 'a.json', '--taget-sec', '90'], '^rehearse analyze: unknown option --taget-sec\\. '],
      [['analyze', 'a.json', '--target-sec', 'soon'], '--target-sec must be a number of seconds above 0, got soon\\. '],
      [['analyze', 'a.json', '--target-sec', '0'], '--target-sec must be a number of seconds above 0, got 0\\. '],
      [['analyze', 'a.json', '--duration-ms', '-5'], '--duration-ms'],
      [['analyze', 'a.json', '--target-sec'], '--target-sec'],
    ])('%j', async (argv, start) => {
      expectOneLineFailure(await run(argv), 2, new RegExp(`${start}.*${usage}`));
    });
  });
});
