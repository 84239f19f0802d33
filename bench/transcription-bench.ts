// Transcription latency bench: how long after Stop is the transcript ready, and what does the Node wrapper
// around whisper.cpp cost? Runs the app's own modules (TakeTranscriber, TranscriptionQueue, transcribeWav,
// whisperArgs, findWhisperBinary) with the real engine: nothing is mocked and nothing is skipped that the
// app does.
//
// Phases (about 11-12 minutes on 2 cores, most of it the real-time feeds):
//   1. material: realistic spoken answers of 30, 120 and 300 s, made of espeak-ng sentences (varied rate
//      and pitch) and jfk.wav (real speech), with natural pauses of 0.2-1.5 s between them, a little room
//      noise, ~0.3 s of lead-in and ~0.6 s of silence before Stop. Deterministic (seeded).
//   2. cost model: the engine on 2 s, 10 s and 30 s of that speech, raw (with whisper.cpp's own timings)
//      and through transcribeWav;
//   3. one-shot 120 s: transcribeWav on the whole file vs the bundled binary spawned with the same
//      arguments (whisperArgs), interleaved, median of BENCH_REPEATS (default 5) each;
//   4. live takes: each answer fed to a TakeTranscriber in 250 ms blocks at real-time pace (one block per
//      250 ms of wall time, as the recorder delivers them), then finish(); the metric is Stop → final
//      transcript (state.afterStopMs, cross-checked with our own clock).
//
// Progress goes to stderr; the LAST line of stdout is one JSON object with the results.
// Environment: BENCH_MODEL (default the base.en test model), BENCH_THREADS (default 2),
// BENCH_REPEATS (default 5), BENCH_LIVE_SECONDS (default "30,120,300").
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { decodeWav, floatToInt16, wavHeader } from '../electron/services/audio/wav';
import { ChunkPlanner, type Chunk } from '../electron/services/transcription/chunk-planner';
import { SpeechGate } from '../electron/services/transcription/speech-gate';
import { spliceSpeech, TakeTranscriber, type Transcribe } from '../electron/services/transcription/take-transcriber';
import { TranscriptionQueue } from '../electron/services/transcription/transcription-queue';
import { findWhisperBinary } from '../electron/services/transcription/whisper-binary';
import { transcribeWav, VERBATIM_PROMPT, whisperArgs } from '../electron/services/transcription/whisper-engine';

const RATE = 16_000;
const BLOCK_MS = 250;
const BLOCK_SAMPLES = (RATE * BLOCK_MS) / 1000;
/** The bundle runs from out/bench/. */
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const JFK_WAV = '/work/shared/audio/jfk.wav';
const MODEL = path.resolve(process.env.BENCH_MODEL ?? '/work/shared/models/for-tests-ggml-base.en.bin');
const THREADS = positiveInt(process.env.BENCH_THREADS, 2);
const REPEATS = positiveInt(process.env.BENCH_REPEATS, 5);
const LIVE_SECONDS = (process.env.BENCH_LIVE_SECONDS ?? '30,120,300').split(',').map((s) => positiveInt(s.trim(), NaN));
const SEED = 20_240_611;

const started = performance.now();
/** Every engine process started (by us or by transcribeWav): all must be gone at the end. */
const enginePids = new Set<number>();
/** Raw engine processes still running, killed if the bench is interrupted. */
const rawChildren = new Set<ReturnType<typeof spawn>>();
/** Live takes' queues, cancelled if the bench is interrupted. */
const liveTakes = new Set<{ queue: TranscriptionQueue; takeId: string }>();
let root: string | null = null;

function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`expected a positive whole number, got ${value}`);
  return n;
}

function log(message: string): void {
  const t = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[bench ${t}s] ${message}\n`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const loadavg = () => os.loadavg().map((n) => round(n, 2));

// ---------------------------------------------------------------------------------------------------------
// Material

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SENTENCES = [
  'So the project I want to talk about is the migration of our billing system.',
  'When I joined the team, every invoice was still generated by a nightly batch job.',
  'It took about six hours to run, and if it failed, nobody noticed until the morning.',
  'My first step was to talk to the people who actually used it.',
  'I sat with the finance team for two days and wrote down every manual fix they made.',
  'That gave us a list of about forty problems.',
  'Most of them came down to the same three causes.',
  'I think the hardest part was not the technology at all.',
  'It was convincing people that we could change it without breaking month end.',
  'So we agreed to run the old and the new system side by side for one full quarter.',
  'Every night we compared the results, line by line.',
  'In the first week we found hundreds of differences.',
  'By the end of the quarter there were none left that we could not explain.',
  'Honestly, I made a mistake early on.',
  'I tried to design everything up front, and the plan was out of date within a month.',
  'After that we worked in small steps, and we shipped something every two weeks.',
  'The result was that invoices went out the same day instead of the next morning.',
  'Support tickets about billing dropped by more than half.',
  'What I learned is to start with the people, and only then with the code.',
  'If I did it again, I would bring the finance team into the planning from day one.',
  'Another example is how we handled an outage last spring.',
  'Our main database ran out of disk space on a Friday evening.',
  'I was on call, so I coordinated the response.',
  'We restored service in about forty minutes.',
  'Afterwards I wrote the review, and we added alerts that fire long before the disk is full.',
  'I try to keep those reviews blameless, because people then tell you what really happened.',
  'Well, that is a good question.',
  'Let me think about that for a second.',
  'In short, I like problems where the answer is not obvious.',
  'And I like working with people who will tell me when I am wrong.',
  'That is probably the main reason I applied for this role.',
  'Yes, exactly.',
];

interface Material {
  sentences: Float32Array[];
  jfk: Float32Array;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
  }
}

/** Drops the leading and trailing near-silence espeak-ng puts around a sentence (keeps 30 ms). */
function trimSilence(samples: Float32Array): Float32Array {
  const threshold = 0.01;
  let first = 0;
  while (first < samples.length && Math.abs(samples[first] as number) < threshold) first++;
  let last = samples.length - 1;
  while (last > first && Math.abs(samples[last] as number) < threshold) last--;
  const margin = Math.round(0.03 * RATE);
  return samples.slice(Math.max(0, first - margin), Math.min(samples.length, last + 1 + margin));
}

async function makeMaterial(dir: string): Promise<Material> {
  const rand = prng(SEED);
  const sentences: Float32Array[] = [];
  for (const [i, text] of SENTENCES.entries()) {
    const raw = path.join(dir, `s${i}-22k.wav`);
    const wav = path.join(dir, `s${i}.wav`);
    const rate = 145 + Math.floor(rand() * 40); // words per minute: a calm to a quick speaker
    const pitch = 35 + Math.floor(rand() * 30);
    run('espeak-ng', ['-v', 'en-us', '-s', String(rate), '-p', String(pitch), '-w', raw, text]);
    run('sox', [raw, '-r', String(RATE), '-c', '1', '-b', '16', wav]);
    const decoded = decodeWav(await fs.readFile(wav));
    sentences.push(trimSilence(decoded.channels[0] as Float32Array));
    await fs.rm(raw);
    await fs.rm(wav);
  }
  const jfk = decodeWav(await fs.readFile(JFK_WAV));
  if (jfk.info.sampleRate !== RATE || jfk.info.channels !== 1) throw new Error(`${JFK_WAV} is not 16 kHz mono`);
  return { sentences, jfk: jfk.channels[0] as Float32Array };
}

/**
 * A spoken answer of exactly `seconds`: 0.3 s lead-in, then sentences (every sixth item jfk.wav) with
 * pauses of 0.2-1.5 s (mostly short, between phrases; sometimes longer, thinking), ~0.6 s or more of
 * silence before Stop, and low room noise (about -60 dBFS RMS) throughout.
 */
function makeAnswer(material: Material, seconds: number, seed: number): { samples: Int16Array; speechItems: number; jfkItems: number } {
  const rand = prng(seed);
  const total = seconds * RATE;
  const out = new Float32Array(total);
  const endSilence = Math.round(0.6 * RATE);
  let at = Math.round(0.3 * RATE);
  let next = Math.floor(rand() * material.sentences.length);
  let items = 0;
  let jfkItems = 0;
  for (;;) {
    const useJfk = items % 6 === 5;
    let piece = useJfk ? material.jfk : (material.sentences[next % material.sentences.length] as Float32Array);
    if (at + piece.length + endSilence > total) {
      // The next piece does not fit: the longest sentence that still does, else stop talking.
      const fits = material.sentences.filter((s) => at + s.length + endSilence <= total).sort((a, b) => b.length - a.length);
      if (fits.length === 0) break;
      piece = fits[0] as Float32Array;
    } else if (!useJfk) {
      next++;
    }
    out.set(piece, at);
    at += piece.length;
    items++;
    if (piece === material.jfk) jfkItems++;
    // Pauses: 70 % between phrases (0.2-0.7 s), 30 % a longer breath or thinking pause (0.7-1.5 s).
    const pause = rand() < 0.7 ? 0.2 + rand() * 0.5 : 0.7 + rand() * 0.8;
    at += Math.round(pause * RATE);
    if (at + endSilence >= total) break;
  }
  // Room noise: Gaussian, sigma 0.001 (-60 dBFS), deterministic.
  for (let i = 0; i < total; i += 2) {
    const u1 = Math.max(rand(), 1e-12);
    const u2 = rand();
    const r = Math.sqrt(-2 * Math.log(u1)) * 0.001;
    out[i] = (out[i] as number) + r * Math.cos(2 * Math.PI * u2);
    if (i + 1 < total) out[i + 1] = (out[i + 1] as number) + r * Math.sin(2 * Math.PI * u2);
  }
  return { samples: floatToInt16(out), speechItems: items, jfkItems };
}

async function writeWav(file: string, samples: Int16Array): Promise<string> {
  const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  await fs.writeFile(
    file,
    Buffer.concat([wavHeader({ sampleRate: RATE, channels: 1, bitsPerSample: 16, dataBytes: bytes.length }), bytes]),
  );
  return file;
}

// ---------------------------------------------------------------------------------------------------------
// The engine, raw and wrapped

interface RawRun {
  ms: number;
  timings: Record<string, number>;
}

/** The bundled binary spawned directly with transcribeWav's arguments; timed from spawn to exit. */
async function runRaw(binary: string, wavPath: string, outDir: string): Promise<RawRun> {
  const outBase = path.join(outDir, `raw-${process.hrtime.bigint()}`);
  const args = whisperArgs({ wavPath: path.resolve(wavPath), modelPath: MODEL, outBase, threads: THREADS, prompt: VERBATIM_PROMPT });
  try {
    return await new Promise<RawRun>((resolve, reject) => {
      const t0 = performance.now();
      // Same stdio as the engine wrapper: stdout ignored, stderr piped (it carries progress and timings).
      const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'], shell: false });
      rawChildren.add(child);
      if (child.pid !== undefined) enginePids.add(child.pid);
      let stderr = '';
      let exitedAt = 0;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('exit', () => (exitedAt = performance.now()));
      child.on('close', (code, signal) => {
        rawChildren.delete(child);
        if (code !== 0) return reject(new Error(`raw engine failed (code ${code}, signal ${signal}): ${stderr.slice(-800)}`));
        resolve({ ms: (exitedAt || performance.now()) - t0, timings: parseTimings(stderr) });
      });
    });
  } finally {
    await fs.rm(`${outBase}.json`, { force: true });
  }
}

/** whisper_print_timings lines → { load_ms, encode_ms, encode_runs, decode_ms, decode_runs, ... }. */
function parseTimings(stderr: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const match of stderr.matchAll(/whisper_print_timings:\s+(\w+) time =\s+([\d.]+) ms(?: \/\s+(\d+) runs)?/g)) {
    const name = match[1] as string;
    out[`${name}_ms`] = Number(match[2]);
    if (match[3] !== undefined) out[`${name}_runs`] = Number(match[3]);
  }
  const fallbacks = /fallbacks =\s+(\d+) p/.exec(stderr);
  if (fallbacks) out.fallbacks = Number(fallbacks[1]);
  return out;
}

/** One transcribeWav call as the app makes it (default prompt), with the threads fixed. */
async function runWrapped(wavPath: string): Promise<number> {
  const t0 = performance.now();
  await transcribeWav(wavPath, { modelPath: MODEL, threads: THREADS, onStart: (pid) => enginePids.add(pid) });
  return performance.now() - t0;
}

// ---------------------------------------------------------------------------------------------------------
// Live takes

interface EngineCall {
  /** Spliced speech sent to the engine for this chunk, ms of audio. */
  audioMs: number;
  /** Relative to Stop (negative: while recording). */
  startMs: number;
  endMs: number;
}

/** The chunks the app's planner makes for this audio fed in 250 ms blocks (same gate, same planner, same calls). */
function planChunks(samples: Int16Array): { whileRecording: Chunk[]; afterStop: Chunk[] } {
  const gate = new SpeechGate();
  const planner = new ChunkPlanner({ quietestMs: (fromMs, toMs) => gate.quietestMs(fromMs, toMs) });
  const whileRecording: Chunk[] = [];
  for (let at = 0; at < samples.length; at += BLOCK_SAMPLES) {
    const block = samples.subarray(at, Math.min(samples.length, at + BLOCK_SAMPLES));
    gate.push(Float32Array.from(block, (s) => s / 32768));
    whileRecording.push(...planner.update(gate.processedMs, gate.regions()));
  }
  return { whileRecording, afterStop: planner.finish(gate.processedMs, gate.regions()) };
}

async function liveTake(seconds: number, samples: Int16Array, workDir: string) {
  const plan = planChunks(samples);
  const spliced = (chunk: Chunk) => (spliceSpeech(samples, chunk.speech).audio.length / RATE) * 1000;
  const engineChunks = [...plan.whileRecording, ...plan.afterStop].filter((chunk) => spliced(chunk) > 0);
  const tailChunks = plan.afterStop.filter((chunk) => spliced(chunk) > 0);

  const takeId = `bench-${seconds}s`;
  const queue = new TranscriptionQueue();
  const entry = { queue, takeId };
  liveTakes.add(entry);
  const calls: EngineCall[] = [];
  let stopAt = Number.NaN;
  // What the app wires (app-services: transcribeWav with the model and the transcriber's options), with
  // the thread count fixed and the engine's pid recorded for the leak check.
  const transcribe: Transcribe = async (wavPath, options) => {
    const stat = await fs.stat(wavPath);
    const call: EngineCall = { audioMs: round((stat.size - 44) / 32), startMs: performance.now(), endMs: Number.NaN };
    calls.push(call);
    try {
      return await transcribeWav(wavPath, {
        modelPath: MODEL,
        threads: THREADS,
        ...options,
        onStart: (pid) => enginePids.add(pid),
      });
    } finally {
      call.endMs = performance.now();
    }
  };
  const take = new TakeTranscriber({ takeId, queue, transcribe, workDir });

  const t0 = performance.now();
  let maxLateMs = 0;
  const blocks = Math.ceil(samples.length / BLOCK_SAMPLES);
  for (let i = 0; i < blocks; i++) {
    // Block i holds [i, i+1) × 250 ms of audio: the recorder can deliver it once that audio has been spoken.
    const due = t0 + (i + 1) * BLOCK_MS;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    maxLateMs = Math.max(maxLateMs, performance.now() - due);
    take.append(samples.slice(i * BLOCK_SAMPLES, Math.min(samples.length, (i + 1) * BLOCK_SAMPLES)));
    if ((i + 1) % (20_000 / BLOCK_MS) === 0) {
      log(`  live ${seconds}s: ${((i + 1) * BLOCK_MS) / 1000} s fed, ${calls.length} engine call(s) so far, status ${take.current.status}`);
    }
  }
  const engineBusyAtStop = queue.busy;
  const pendingAtStop = queue.pending;
  stopAt = performance.now();
  const state = await take.finish();
  const ownMs = performance.now() - stopAt;
  liveTakes.delete(entry);
  if (state.status !== 'done') throw new Error(`live ${seconds}s take ended ${state.status}: ${state.error}`);
  if (calls.length !== engineChunks.length) {
    throw new Error(`live ${seconds}s: ${calls.length} engine calls but the planner replay says ${engineChunks.length}`);
  }
  const last = plan.afterStop.at(-1) ?? plan.whileRecording.at(-1);
  const result = {
    seconds,
    after_stop_ms: state.afterStopMs as number,
    own_clock_ms: round(ownMs),
    chunks: plan.whileRecording.length + plan.afterStop.length,
    engine_calls: calls.length,
    engine_calls_after_stop: tailChunks.length,
    engine_busy_at_stop: engineBusyAtStop,
    jobs_pending_at_stop: pendingAtStop,
    chunk_ms: [...plan.whileRecording, ...plan.afterStop].map((c) => round(c.endMs - c.startMs)),
    chunk_cuts: [...plan.whileRecording, ...plan.afterStop].map((c) => c.cut),
    tail_ms: last ? round(last.endMs - last.startMs) : 0,
    /** Audio left to transcribe at Stop: everything after the last chunk closed while recording. */
    unplanned_at_stop_ms: round(seconds * 1000 - (plan.whileRecording.at(-1)?.endMs ?? 0)),
    tail_engine_audio_ms: tailChunks.map((c) => round(spliced(c))),
    engine_calls_detail: calls.map((c) => ({ audio_ms: c.audioMs, start_ms: round(c.startMs - stopAt), end_ms: round(c.endMs - stopAt) })),
    max_block_late_ms: round(maxLateMs, 1),
    segments: state.transcript?.segments.length ?? 0,
  };
  log(
    `  live ${seconds}s: after Stop ${result.after_stop_ms} ms (own clock ${result.own_clock_ms} ms), ` +
      `${result.chunks} chunks ${JSON.stringify(result.chunk_ms)}, ${result.engine_calls_after_stop} engine call(s) after Stop`,
  );
  return result;
}

// ---------------------------------------------------------------------------------------------------------

async function cleanup(): Promise<void> {
  for (const { queue, takeId } of liveTakes) queue.cancel(takeId);
  for (const child of rawChildren) child.kill('SIGKILL');
  if (root) rmSync(root, { recursive: true, force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  const startLoad = loadavg();
  let binary = findWhisperBinary();
  if (!binary) {
    log('whisper.cpp is not built: running scripts/build-whisper.mjs');
    spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-whisper.mjs')], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
    binary = findWhisperBinary();
    if (!binary) throw new Error('whisper.cpp could not be built (see above)');
  }
  if (!existsSync(MODEL)) throw new Error(`no model at ${MODEL} (set BENCH_MODEL)`);
  for (const tool of ['espeak-ng', 'sox']) {
    if (spawnSync(tool, ['--version'], { stdio: 'ignore' }).error) throw new Error(`${tool} is needed to make the test answers`);
  }

  root = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-bench-'));
  // Everything the engine wrapper puts in the temp folder lands in ours: checked empty at the end.
  const engineTmp = path.join(root, 'tmp');
  const workDir = path.join(root, 'work');
  const materialDir = path.join(root, 'material');
  const rawOut = path.join(root, 'raw');
  for (const dir of [engineTmp, workDir, materialDir, rawOut]) await fs.mkdir(dir, { recursive: true });
  process.env.TMPDIR = engineTmp;

  log(`engine ${binary}`);
  log(`model ${MODEL}, ${THREADS} threads; ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load ${startLoad.join(' ')}`);

  // 1. Material
  const material = await makeMaterial(materialDir);
  const lengths = [...new Set([...LIVE_SECONDS, 120])];
  const answers = new Map<number, ReturnType<typeof makeAnswer>>();
  for (const seconds of lengths) {
    answers.set(seconds, makeAnswer(material, seconds, SEED + seconds));
    const answer = answers.get(seconds)!;
    log(`answer ${seconds}s: ${answer.speechItems} spoken items (${answer.jfkItems} × jfk.wav)`);
  }
  const answer120 = answers.get(120)!.samples;
  const wav120 = await writeWav(path.join(materialDir, 'answer-120s.wav'), answer120);

  // 2. Cost model: the engine on 2, 10 and 30 s of speech.
  const costModel: Record<string, unknown> = {};
  const costLoad = loadavg();
  for (const seconds of [2, 10, 30]) {
    const clip = await writeWav(path.join(materialDir, `clip-${seconds}s.wav`), answer120.subarray(0, seconds * RATE));
    const raw: RawRun[] = [];
    const wrapped: number[] = [];
    for (let i = 0; i < 3; i++) {
      raw.push(await runRaw(binary, clip, rawOut));
      wrapped.push(await runWrapped(clip));
    }
    const pick = (key: string) => median(raw.map((r) => r.timings[key] ?? Number.NaN));
    costModel[`${seconds}s`] = {
      raw_ms: round(median(raw.map((r) => r.ms))),
      wrapped_ms: round(median(wrapped)),
      encode_ms: round(pick('encode_ms')),
      encode_runs: pick('encode_runs'),
      decode_ms: round(pick('decode_ms')),
      decode_runs: pick('decode_runs'),
      prompt_ms: round(pick('prompt_ms')),
      load_ms: round(pick('load_ms')),
      mel_ms: round(pick('mel_ms')),
      fallbacks: pick('fallbacks'),
    };
    log(`cost ${seconds}s: ${JSON.stringify(costModel[`${seconds}s`])}`);
  }

  // 3. One-shot 120 s: wrapper vs raw, interleaved so that drift in the machine's load hits both alike.
  const batchLoad = loadavg();
  const batch: number[] = [];
  const raw120: RawRun[] = [];
  for (let i = 0; i < REPEATS; i++) {
    raw120.push(await runRaw(binary, wav120, rawOut));
    batch.push(await runWrapped(wav120));
    log(`120 s one-shot #${i + 1}: raw ${round(raw120.at(-1)!.ms)} ms, transcribeWav ${round(batch.at(-1)!)} ms`);
  }
  const batchMs = median(batch);
  const rawMs = median(raw120.map((r) => r.ms));
  const raw120Timings = raw120.map((r) => r.timings);

  // 4. Live takes at real-time pace.
  const live: Record<number, Awaited<ReturnType<typeof liveTake>>> = {};
  const liveLoad: Record<number, number[]> = {};
  for (const seconds of LIVE_SECONDS) {
    liveLoad[seconds] = loadavg();
    log(`live ${seconds}s: feeding in ${BLOCK_MS} ms blocks at real-time pace`);
    live[seconds] = await liveTake(seconds, answers.get(seconds)!.samples, workDir);
  }

  // Leak checks: no engine process left, no temp file left behind by the app's code.
  await sleep(200);
  const alive = [...enginePids].filter(pidAlive);
  const leftoverTmp = readdirSync(engineTmp);
  const leftoverWork = readdirSync(workDir);
  if (alive.length > 0) throw new Error(`engine processes still running: ${alive.join(', ')}`);

  const result = {
    stop_to_transcript_ms_30s: live[30]?.after_stop_ms ?? null,
    stop_to_transcript_ms_120s: live[120]?.after_stop_ms ?? null,
    stop_to_transcript_ms_300s: live[300]?.after_stop_ms ?? null,
    stop_to_transcript_own_clock_ms: Object.fromEntries(Object.entries(live).map(([s, r]) => [`${s}s`, r.own_clock_ms])),
    batch_ms_120s: round(batchMs),
    raw_whispercpp_ms_120s: round(rawMs),
    wrapper_overhead_pct: round(((batchMs - rawMs) / rawMs) * 100, 2),
    batch_runs_ms_120s: batch.map((n) => round(n)),
    raw_runs_ms_120s: raw120.map((r) => round(r.ms)),
    raw_timings_120s: {
      encode_ms: round(median(raw120Timings.map((t) => t.encode_ms ?? Number.NaN))),
      encode_runs: median(raw120Timings.map((t) => t.encode_runs ?? Number.NaN)),
      decode_ms: round(median(raw120Timings.map((t) => t.decode_ms ?? Number.NaN))),
      load_ms: round(median(raw120Timings.map((t) => t.load_ms ?? Number.NaN))),
      total_ms: round(median(raw120Timings.map((t) => t.total_ms ?? Number.NaN))),
    },
    chunks_120s: live[120]?.chunks ?? null,
    tail_ms_120s: live[120]?.tail_ms ?? null,
    engine_calls_after_stop: Object.fromEntries(Object.entries(live).map(([s, r]) => [`${s}s`, r.engine_calls_after_stop])),
    cost_model_ms: costModel,
    live,
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? null,
      loadavg_start: startLoad,
      loadavg_cost_model: costLoad,
      loadavg_batch: batchLoad,
      loadavg_live: liveLoad,
      loadavg_end: loadavg(),
      node: process.version,
    },
    model: path.basename(MODEL),
    threads: THREADS,
    repeats: REPEATS,
    engine_processes: enginePids.size,
    engine_processes_left: alive.length,
    temp_files_left: leftoverTmp.length + leftoverWork.length,
    wall_s: round((performance.now() - started) / 1000, 1),
    note:
      'The test model has the real base.en architecture (same encoder/decoder cost per step) but no trained weights: it transcribes ' +
      'everything as empty text, so the decoder runs only a few steps per window. With real weights the decoder adds roughly one ' +
      'step per token (~100-150 tokens per 30 s of speech), so real latencies are higher by that decode time.',
  };
  await cleanup();
  root = null;
  log(`done in ${result.wall_s} s`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the engine and removing temp files`);
    void cleanup().finally(() => process.exit(130));
  });
}

// An ES module (the package is "type": "commonjs", and a file without exports would be bundled as CommonJS).
export {};

main().catch(async (error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanup();
  process.exit(1);
});
