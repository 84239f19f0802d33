// What the CPU level of a shipped engine costs: the same whisper.cpp on the same 30 s of real speech,
// built three ways for this machine (see scripts/build-engine.mjs):
//   native    -march=native: what `npm install` builds for a developer; never shipped;
//   avx2      whisper-cli of a portable build (AVX2 + FMA + F16C): what installers ship;
//   baseline  whisper-cli-baseline (x86-64-v2, no AVX): what the app falls back to on an older CPU.
// Each is run BENCH_ENGINE_REPEATS times (default 3), interleaved, with the base.en-size test model; the
// median wall time of one engine call is reported. The portable pair is built into build/bench-engine/.
// Progress goes to stderr; the LAST line of stdout is one JSON object.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { engineFileName, findWhisperBinary } from '../electron/services/transcription/whisper-binary';
import { VERBATIM_PROMPT, whisperArgs } from '../electron/services/transcription/whisper-engine';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const JFK_WAV = path.resolve(REPO_ROOT, '../shared/audio/jfk.wav');
const MODEL = path.resolve(process.env.BENCH_MODEL ?? path.resolve(REPO_ROOT, '../shared/models/for-tests-ggml-base.en.bin'));
const REPEATS = Number(process.env.BENCH_ENGINE_REPEATS ?? 3);
const THREADS = 2;

const log = (message: string) => process.stderr.write(`[engine-cpu bench] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function main(): void {
  if (process.arch !== 'x64') {
    log(`${process.arch}: one engine build only (no AVX levels to compare)`);
    process.stdout.write('{}\n');
    return;
  }
  const portableDir = path.join(REPO_ROOT, 'build', 'bench-engine', `${process.platform}-${process.arch}`);
  log('building the portable pair (cached after the first run)…');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-engine.mjs'), '--cpu', 'portable', '--out-dir', portableDir], {
    stdio: ['ignore', 2, 2],
  });
  const native = findWhisperBinary({});
  if (!native) throw new Error('the native engine is not built: run npm run build:engine');
  const engines = {
    native,
    avx2: path.join(portableDir, engineFileName(process.platform)),
    baseline: path.join(portableDir, engineFileName(process.platform, 'baseline')),
  };

  const work = mkdtempSync(path.join(os.tmpdir(), 'rehearse-engine-cpu-'));
  try {
    const clip = path.join(work, 'speech-30s.wav');
    execFileSync('sox', [JFK_WAV, JFK_WAV, JFK_WAV, clip, 'trim', '0', '30']);
    const args = whisperArgs({
      wavPath: clip,
      modelPath: MODEL,
      outBase: path.join(work, 'out'),
      threads: THREADS,
      prompt: VERBATIM_PROMPT,
    });
    const times: Record<string, number[]> = { native: [], avx2: [], baseline: [] };
    for (let i = 0; i < REPEATS; i++) {
      for (const [name, binary] of Object.entries(engines)) {
        const start = performance.now();
        const run = spawnSync(binary, args, { stdio: 'ignore' });
        const ms = performance.now() - start;
        if (run.status !== 0 || !existsSync(path.join(work, 'out.json'))) throw new Error(`${name} engine failed (exit ${run.status})`);
        rmSync(path.join(work, 'out.json'));
        times[name]!.push(ms);
        log(`#${i + 1} ${name}: ${Math.round(ms)} ms`);
      }
    }
    const ms = (name: string) => Math.round(median(times[name]!));
    process.stdout.write(
      `${JSON.stringify({
        engine_ms_30s_native: ms('native'),
        engine_ms_30s_avx2: ms('avx2'),
        engine_ms_30s_baseline: ms('baseline'),
        engine_baseline_vs_avx2_x: Math.round((ms('baseline') / ms('avx2')) * 100) / 100,
      })}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
