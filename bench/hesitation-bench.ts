// How long the hesitation finder takes on a 5-minute take: findHesitations (electron/services/hesitations)
// on 300 s of speech with fillers, the takes of the hesitation test set (jfk.wav and espeak-ng speech with
// inserted "uh"/"um"/"er"/"hmm") one after another. One warm-up run, then BENCH_HESITATION_REPEATS runs
// (default 5); the median wall time is reported. Progress goes to stderr; the LAST line of stdout is one
// JSON object.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { findHesitations } from '../electron/services/hesitations/find-hesitations';
import { loadManifest, loadTakeAudio } from '../electron/services/hesitations/test-set-support';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEST_SET = path.join(REPO_ROOT, 'electron', 'services', 'hesitations', '__fixtures__', 'test-set');
const SECONDS = 300;
const RATE = 16_000;
const REPEATS = Number(process.env.BENCH_HESITATION_REPEATS ?? 5);

const log = (message: string) => process.stderr.write(`[hesitation bench] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function fiveMinuteTake(): Float32Array {
  const takes = loadManifest(TEST_SET).map((take) => loadTakeAudio(take, TEST_SET));
  const samples = new Float32Array(SECONDS * RATE);
  for (let at = 0, k = 0; at < samples.length; k++) {
    const take = takes[k % takes.length] as Float32Array;
    const part = take.subarray(0, Math.min(take.length, samples.length - at));
    samples.set(part, at);
    at += part.length;
  }
  return samples;
}

function main(): void {
  const samples = fiveMinuteTake();
  findHesitations(samples); // warm-up: the JIT compiles the hot loops
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    const found = findHesitations(samples).length;
    const ms = performance.now() - start;
    times.push(ms);
    log(`#${i + 1}: ${Math.round(ms)} ms, ${found} hesitations in ${SECONDS} s`);
  }
  process.stdout.write(`${JSON.stringify({ hesitation_ms_300s: Math.round(median(times)) })}\n`);
}

main();
