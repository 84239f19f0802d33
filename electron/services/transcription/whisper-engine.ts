// Runs whisper.cpp's `main` on one 16 kHz WAV and returns the transcript with word timing. Everything
// that can be checked is checked before the engine starts (binary, model header, WAV format), so most
// mistakes come back as a precise TranscriptionError instead of an engine failure. The engine is always
// spawned with an argument array (never a shell), writes its JSON into a private temp folder that is
// removed afterwards, and is killed with SIGKILL on cancel or timeout: killing is the only way to stop
// it, and it holds nothing worth a graceful exit.
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readWavInfo, type WavInfo } from '../audio/wav';
import { checkGgmlModel } from './ggml-model';
import type { Transcript } from './transcript';
import { isTranscriptionError, TranscriptionError } from './transcription-error';
import { baselineEngineFor, ENGINE_MISSING_MESSAGE, findWhisperBinary } from './whisper-binary';
import { parseWhisperJson } from './whisper-json';

export { TranscriptionError, type TranscriptionErrorCode } from './transcription-error';

/** Engines this CPU could not run (stopped on an illegal instruction), and the baseline build used instead. */
const cpuFallbacks = new Map<string, string>();

/** Windows' STATUS_ILLEGAL_INSTRUCTION, the exit code of a process that ran an instruction its CPU lacks. */
const WINDOWS_ILLEGAL_INSTRUCTION = 0xc000001d;

/**
 * The default initial prompt. Whisper was trained on transcripts that mostly leave out disfluencies, so
 * by default it "cleans up" speech: ums, uhs, false starts and repetitions vanish. For a rehearsal tool
 * those are exactly what the speaker needs to see. The initial prompt conditions the decoder on prior
 * text, and a prior text full of fillers and a self-interruption makes it keep writing them (the
 * technique OpenAI's prompting guide describes for keeping filler words).
 * Not measured here: the test models (/work/shared/models/for-tests-*) have no trained weights and
 * always produce empty text, so this prompt's effect on real speech is unverified in this repo; check it
 * with a real model before relying on it. ASCII only: on Windows whisper.cpp's `main` reads its arguments in
 * the ANSI code page, where an em dash would reach the tokenizer as a different byte.
 * The app and the CLI pass chunk-prompt.ts's prompts instead (at most 32 characters: longer prompts are
 * reported to seed repetition loops); this one stays the default for direct callers such as the bench.
 */
export const VERBATIM_PROMPT = 'Um, uh, so, I mean, like, you know, hmm. Er, I- I think, uh, we, um, went with it.';

export interface TranscribeOptions {
  /** A whisper.cpp ggml model (ggml-base.en.bin, …). */
  modelPath: string;
  /** CPU threads for the engine; default min(2, CPU count). */
  threads?: number;
  /** Initial prompt; default VERBATIM_PROMPT, '' for none. */
  prompt?: string;
  /** Aborting kills the engine at once and rejects with code 'cancelled'. */
  signal?: AbortSignal;
  /** 0-100, never decreasing; 100 is reported once the transcript is read. */
  onProgress?: (pct: number) => void;
  /** Kills the engine and rejects with code 'timeout' after this long; default: no limit. */
  timeoutMs?: number;
  /** The engine binary; default findWhisperBinary(). A whisper-cli that this CPU cannot run is replaced by its baseline build. */
  binaryPath?: string;
  /** Called with the engine's process id once it is started (diagnostics; the tests check it is gone after a cancel). */
  onStart?: (pid: number) => void;
}

export function defaultThreads(): number {
  return Math.max(1, Math.min(2, os.cpus().length));
}

/** The engine's command line (exported for the tests and for measuring the wrapper's overhead). */
export function whisperArgs(opts: { wavPath: string; modelPath: string; outBase: string; threads: number; prompt: string }): string[] {
  // Defaults that need no flag: language 'en' (whisper.cpp's default), timestamps on, and -ojf turns on
  // token timestamps. -bs 1 -bo 1 is plain greedy decoding: the fastest, and the test models need it too.
  const args = ['-ojf', '-of', opts.outBase, '-pp', '-bs', '1', '-bo', '1', '-t', String(opts.threads)];
  if (opts.prompt !== '') args.push('--prompt', opts.prompt);
  args.push('-m', opts.modelPath, '-f', opts.wavPath);
  return args;
}

export async function transcribeWav(wavPath: string, opts: TranscribeOptions): Promise<Transcript> {
  const { signal, onProgress } = opts;
  const cancelled = () => new TranscriptionError('cancelled', 'transcription was cancelled');
  if (signal?.aborted) throw cancelled();

  const found = opts.binaryPath ?? findWhisperBinary();
  if (!found) {
    throw new TranscriptionError('engine-missing', ENGINE_MISSING_MESSAGE);
  }
  const binary = cpuFallbacks.get(found) ?? found;
  const threads = opts.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a positive integer, got ${threads}`);
  const modelPath = path.resolve(opts.modelPath);
  const audioPath = path.resolve(wavPath);
  await checkGgmlModel(modelPath);
  await checkWhisperWav(audioPath);
  if (signal?.aborted) throw cancelled();

  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-whisper-'));
  try {
    const outBase = path.join(workDir, 'out');
    const args = whisperArgs({
      wavPath: await engineVisiblePath(audioPath, workDir, 'audio.wav'),
      modelPath: await engineVisiblePath(modelPath, workDir, 'model.bin'),
      outBase: isEngineSafePath(outBase) ? outBase : 'out',
      threads,
      prompt: opts.prompt ?? VERBATIM_PROMPT,
    });
    let reported = -1;
    const report = (pct: number) => {
      // whisper.cpp reports progress per 30 s window, relative to the audio's length: it exceeds 100 on the
      // last window (an 11 s file prints only "progress = 272%"), so clamp and never go backwards.
      const clamped = Math.min(100, Math.max(0, pct));
      if (clamped <= reported) return;
      reported = clamped;
      onProgress?.(clamped);
    };
    const engine = { cwd: workDir, signal, timeoutMs: opts.timeoutMs, onProgress: report, onStart: opts.onStart };
    let run: EngineRun;
    try {
      run = await runEngine(binary, args, engine);
    } catch (error) {
      const baseline = isTranscriptionError(error, 'engine-unsupported-cpu') ? baselineEngineFor(binary) : null;
      if (!baseline) throw error;
      // This CPU lacks what the AVX2 build needs: use the baseline build from now on, in this process.
      cpuFallbacks.set(found, baseline);
      await fs.rm(`${outBase}.json`, { force: true });
      run = await runEngine(baseline, args, engine);
    }
    const json = await fs.readFile(`${outBase}.json`).catch(() => null);
    if (!json) {
      throw engineError(run.stderrTail, 'the speech engine finished without writing a transcript');
    }
    let transcript: Transcript;
    try {
      transcript = parseWhisperJson(json);
    } catch (error) {
      throw new TranscriptionError('engine-failed', `the speech engine's output could not be read: ${(error as Error).message}`, {
        cause: error,
      });
    }
    report(100);
    return transcript;
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Whether whisper.cpp's `main` can open this path as it is. On Windows it opens files with the narrow
 * (ANSI code page) C library calls, so a folder named "José" or "日本" — a user name in the profile path
 * is enough — is unreadable to it; only plain ASCII is safe there.
 */
export function isEngineSafePath(file: string, platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32' || /^[\x20-\x7e]*$/.test(file);
}

/**
 * The name to give the engine for `file`: the path itself when it is safe, else `name`, a hard link (or,
 * across volumes, a copy) in the engine's working folder, which the engine is started in: its Unicode
 * current directory makes a plain relative name work wherever that folder is.
 */
async function engineVisiblePath(file: string, workDir: string, name: string): Promise<string> {
  if (isEngineSafePath(file)) return file;
  const local = path.join(workDir, name);
  await fs.link(file, local).catch(() => fs.copyFile(file, local));
  return name;
}

/** Refuses, before the engine starts, any file whisper.cpp would reject or misread. */
export async function checkWhisperWav(wavPath: string): Promise<WavInfo> {
  const label = path.basename(wavPath);
  let info: WavInfo;
  try {
    info = await readWavHead(wavPath);
  } catch (error) {
    if (error instanceof TranscriptionError) throw error;
    const reason = (error as Error).message;
    const what = reason.startsWith('not a WAV') ? 'is not a WAV file' : `cannot be used (${reason})`;
    throw new TranscriptionError(
      'audio-invalid',
      `${label} ${what}: the engine needs a 16 kHz mono 16-bit WAV (convert it with toWhisperWav)`,
    );
  }
  const problems: string[] = [];
  if (info.format !== 'pcm' || info.bitsPerSample !== 16) problems.push(`${info.bitsPerSample}-bit ${info.format}`);
  if (info.sampleRate !== 16_000) problems.push(`${info.sampleRate} Hz`);
  if (info.channels !== 1 && info.channels !== 2) problems.push(`${info.channels} channels`);
  if (problems.length > 0) {
    throw new TranscriptionError(
      'audio-invalid',
      `${label} is ${problems.join(', ')}: the engine needs 16 kHz mono 16-bit WAV (convert it with toWhisperWav)`,
    );
  }
  if (info.dataBytes === 0) throw new TranscriptionError('audio-invalid', `${label} holds no audio`);
  if (info.declaredDataBytes > info.dataBytes) {
    // whisper.cpp would pad the missing part with silence (and allocate for it): rewrite the file first.
    throw new TranscriptionError(
      'audio-invalid',
      `${label} is cut short (its header claims more audio than the file holds): convert it with toWhisperWav first`,
    );
  }
  return info;
}

/** readWavInfo on the start of the file, with the data size taken from the file's real length. */
async function readWavHead(wavPath: string): Promise<WavInfo> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(wavPath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'ENOENT' ? 'no such audio file' : `cannot read the audio file (${code ?? (error as Error).message})`;
    throw new TranscriptionError('audio-invalid', `${what}: ${wavPath}`, { cause: error });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new TranscriptionError('audio-invalid', `${wavPath} is not a file`);
    const headBytes = Math.min(stat.size, 256 * 1024);
    const head = Buffer.alloc(headBytes);
    await handle.read(head, 0, headBytes, 0);
    const info = readWavInfo(head);
    const frameBytes = (info.channels * info.bitsPerSample) / 8;
    const present = Math.min(info.declaredDataBytes, stat.size - info.dataOffset);
    const dataBytes = present - (present % frameBytes);
    return { ...info, dataBytes, durationMs: (dataBytes / frameBytes / info.sampleRate) * 1000 };
  } finally {
    await handle.close();
  }
}

interface EngineRun {
  stderrTail: string[];
}

/** Spawns the engine and resolves when it exits 0; rejects with a TranscriptionError otherwise. */
function runEngine(
  binary: string,
  args: string[],
  opts: { cwd: string; signal?: AbortSignal; timeoutMs?: number; onProgress: (pct: number) => void; onStart?: (pid: number) => void },
): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const stderrTail: string[] = [];
    /** Why we are killing the engine (cancel, timeout, a callback that threw): what the run rejects with. */
    let ending: Error | null = null;
    // stdout carries the same segments as the JSON: not read, so never piped (a full pipe would block the engine).
    const child = spawn(binary, args, { cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'], shell: false, windowsHide: true });

    const stop = (error: Error) => {
      if (ending) return;
      ending = error;
      child.kill('SIGKILL');
    };
    const onAbort = () => stop(new TranscriptionError('cancelled', 'transcription was cancelled'));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const { timeoutMs } = opts;
    const timer =
      timeoutMs === undefined
        ? null
        : setTimeout(() => {
            const limit = timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`;
            stop(
              new TranscriptionError(
                'timeout',
                `the speech engine took longer than ${limit} and was stopped: try a shorter recording or a smaller model`,
              ),
            );
          }, timeoutMs);

    const callSafely = (callback: () => void) => {
      try {
        callback();
      } catch (error) {
        stop(error instanceof Error ? error : new Error(String(error)));
      }
    };
    const { pid } = child;
    if (pid !== undefined && opts.onStart) callSafely(() => opts.onStart?.(pid));

    let partial = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onStderrLine(line);
    });
    const onStderrLine = (line: string) => {
      const progress = /progress\s*=\s*(-?\d+)\s*%/.exec(line);
      if (progress) callSafely(() => opts.onProgress(Number(progress[1])));
      if (line.trim() !== '') {
        stderrTail.push(line.trim());
        if (stderrTail.length > 60) stderrTail.shift();
      }
    };

    const finish = () => {
      opts.signal?.removeEventListener('abort', onAbort);
      if (timer) clearTimeout(timer);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      if (ending) return reject(ending);
      reject(
        new TranscriptionError('engine-missing', `the speech engine could not be started (${error.code ?? error.message}): ${binary}`, {
          cause: error,
        }),
      );
    });
    child.on('close', (code, signal) => {
      finish();
      if (partial) onStderrLine(partial);
      if (ending) return reject(ending);
      if (opts.signal?.aborted) return reject(new TranscriptionError('cancelled', 'transcription was cancelled'));
      // Ctrl-C in a terminal reaches the engine too (same process group), possibly before our own handler.
      if (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGHUP') {
        return reject(new TranscriptionError('cancelled', `the speech engine was stopped from outside (${signal})`));
      }
      if (signal === 'SIGKILL') {
        return reject(engineError(stderrTail, 'the speech engine was killed (SIGKILL; out of memory?): try a smaller model'));
      }
      if (signal === 'SIGILL' || code === WINDOWS_ILLEGAL_INSTRUCTION || code === WINDOWS_ILLEGAL_INSTRUCTION - 2 ** 32) {
        return reject(
          new TranscriptionError(
            'engine-unsupported-cpu',
            "this computer's processor cannot run this build of the speech engine (an illegal instruction): reinstall Rehearse, or build the engine on this computer with npm run build:engine",
          ),
        );
      }
      if (signal) return reject(engineError(stderrTail, `the speech engine crashed (${signal})`));
      if (code !== 0) return reject(engineError(stderrTail, `the speech engine failed (exit code ${code})`));
      resolve({ stderrTail });
    });
  });
}

/** Maps what whisper.cpp said on stderr to an error code; `fallback` describes the failure when nothing matches. */
export function engineError(stderrTail: readonly string[], fallback: string): TranscriptionError {
  const said = (pattern: RegExp) => stderrTail.find((line) => pattern.test(line));
  const detail = lastMeaningfulLine(stderrTail);
  const audio = said(/failed to read WAV file|as WAV file|WAV file .* must be|failed to open WAV/);
  if (audio) return new TranscriptionError('audio-invalid', `the speech engine could not read the audio: ${audio}`);
  const model = said(
    /bad magic|failed to load model|not all tensors loaded|unknown tensor|wrong (size|shape)|bad ftype|failed to initialize whisper context/,
  );
  if (model) {
    const line = said(/bad magic|not all tensors loaded|unknown tensor|wrong (size|shape)|bad ftype/) ?? model;
    return new TranscriptionError(
      'model-invalid',
      `the speech model could not be loaded (${line}): download it again or pick another model`,
    );
  }
  return new TranscriptionError('engine-failed', detail ? `${fallback}: ${detail}` : fallback);
}

function lastMeaningfulLine(lines: readonly string[]): string | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] as string;
    if (!/^whisper_print_timings:|^\s*$/.test(line)) return line;
  }
  return undefined;
}
