// `rehearse transcribe <audio.wav> [--model <path>] [--json] [--threads N]`: transcribes one WAV file
// with the local whisper.cpp engine. Any uncompressed WAV is accepted (converted to 16 kHz mono first).
// Prints `[mm:ss.mmm --> mm:ss.mmm] text` lines, or with --json exactly {"segments":[...]}. On failure
// prints one line on stderr and exits non-zero (see EXIT). The app's transcript guards apply (loops, text in
// silence, times, sound notes: services/transcription/guards); what they changed is said on stderr.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveDataDir } from '../services/data-dir';
import { ModelStore, modelsDir } from '../services/models/model-store';
import { guardNotes } from '../shared/guard-notes';
import { FIRST_CHUNK_PROMPT } from '../services/transcription/chunk-prompt';
import { checkGgmlModel } from '../services/transcription/ggml-model';
import { guardWholeFile } from '../services/transcription/guards/whole-file';
import { toWhisperWav } from '../services/transcription/prepare-audio';
import type { Transcript } from '../services/transcription/transcript';
import { TranscriptionError } from '../services/transcription/transcription-error';
import { ENGINE_MISSING_MESSAGE, findWhisperBinary } from '../services/transcription/whisper-binary';
import { defaultThreads, transcribeWav } from '../services/transcription/whisper-engine';
import { errorLine, EXIT, parseCommandLine, UsageError, type CliIo } from './io';

const NAME = 'rehearse transcribe';

export const TRANSCRIBE_USAGE = `Usage: rehearse transcribe <audio.wav> [--model <path>] [--json] [--threads N]

Transcribes a WAV file locally with whisper.cpp.

  --model <path>  whisper.cpp ggml model (default: $REHEARSE_MODEL, else the model the
                  app uses from <data dir>/models: base.en if installed, else another)
  --json          print {"segments":[{"startMs","endMs","text","words":[...]}]}
  --threads N     CPU threads for the engine (default: ${defaultThreads()})
  -h, --help      show this help
`;

interface TranscribeArgs {
  input: string;
  model: string | undefined;
  json: boolean;
  threads: number | undefined;
  help: boolean;
}

function parse(argv: string[]): TranscribeArgs {
  const { values, positionals } = parseCommandLine(
    argv,
    {
      model: { type: 'string', short: 'm' },
      json: { type: 'boolean' },
      threads: { type: 'string', short: 't' },
      help: { type: 'boolean', short: 'h' },
    },
    ` (see ${NAME} --help)`,
  );
  if (values.help) return { input: '', model: undefined, json: false, threads: undefined, help: true };
  if (positionals.length === 0) throw new UsageError(`missing the audio file: ${NAME} <audio.wav>`);
  if (positionals.length > 1) throw new UsageError(`one audio file at a time, got ${positionals.length}`);
  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = /^\d+$/.test(values.threads) ? Number(values.threads) : NaN;
    if (!Number.isInteger(threads) || threads < 1 || threads > 256)
      throw new UsageError(`--threads must be a whole number from 1 to 256, got ${values.threads}`);
  }
  if (values.model === '') throw new UsageError('--model needs a path');
  return { input: positionals[0] as string, model: values.model, json: values.json ?? false, threads, help: false };
}

/** --model, else $REHEARSE_MODEL, else the model the app would use (its model store's default). */
export async function resolveModelPath(explicit: string | undefined, env: NodeJS.ProcessEnv): Promise<string> {
  if (explicit) return path.resolve(explicit);
  if (env.REHEARSE_MODEL) return path.resolve(env.REHEARSE_MODEL);
  const installed = await new ModelStore(modelsDir(resolveDataDir(env))).defaultModel();
  if (installed) return installed.path;
  throw new TranscriptionError('model-missing', 'no model: pass --model <path> or download one in the app');
}

export async function runTranscribe(argv: string[], io: CliIo): Promise<number> {
  const env = io.env ?? process.env;
  let args: TranscribeArgs;
  try {
    args = parse(argv);
  } catch (error) {
    errorLine(io, NAME, (error as Error).message);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(TRANSCRIBE_USAGE);
    return EXIT.ok;
  }

  let workDir: string | null = null;
  try {
    // The cheap checks first, so a missing engine or model is reported before any audio is converted.
    const binaryPath = findWhisperBinary(env);
    if (!binaryPath) throw new TranscriptionError('engine-missing', ENGINE_MISSING_MESSAGE);
    const modelPath = await resolveModelPath(args.model, env);
    await checkGgmlModel(modelPath);

    workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-cli-'));
    const wavPath = await toWhisperWav(args.input, workDir, { onWarning: (message) => errorLine(io, `${NAME}: warning`, message) });
    const showProgress = io.stderr.isTTY === true;
    const raw = await transcribeWav(wavPath, {
      modelPath,
      // The app's first-chunk prompt: the same text conditions the engine here and in the app.
      prompt: FIRST_CHUNK_PROMPT,
      threads: args.threads,
      signal: io.signal,
      binaryPath,
      onProgress: showProgress ? (pct) => io.stderr.write(`\rtranscribing… ${pct}%`) : undefined,
    });
    if (showProgress) io.stderr.write('\r\x1b[K');
    // The app's guards (loops, text in silence, times, sound notes); what they changed is said on stderr.
    const { transcript, guards } = await guardWholeFile(raw, wavPath);
    for (const note of guardNotes(guards)) errorLine(io, `${NAME}: note`, note);
    io.stdout.write(args.json ? `${toJson(transcript)}\n` : toLines(transcript));
    if (!args.json && transcript.segments.length === 0) io.stderr.write(`${NAME}: no speech found in ${path.basename(args.input)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof TranscriptionError) {
      if (error.code === 'cancelled') {
        errorLine(io, NAME, 'interrupted');
        return EXIT.interrupted;
      }
      errorLine(io, NAME, error.message);
      return EXIT.failed;
    }
    errorLine(io, NAME, `unexpected failure: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.failed;
  } finally {
    if (workDir) await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** Exactly {"segments":[{"startMs","endMs","text","words":[{"text","startMs","endMs"}]}]}. */
export function toJson(transcript: Transcript): string {
  return JSON.stringify({
    segments: transcript.segments.map((segment) => ({
      startMs: segment.startMs,
      endMs: segment.endMs,
      text: segment.text,
      words: segment.words.map((word) => ({ text: word.text, startMs: word.startMs, endMs: word.endMs })),
    })),
  });
}

export function toLines(transcript: Transcript): string {
  return transcript.segments.map((segment) => `[${clock(segment.startMs)} --> ${clock(segment.endMs)}] ${segment.text}\n`).join('');
}

/** 2500 → "00:02.500"; minutes keep counting past 59 (75:03.000). */
export function clock(ms: number): string {
  const total = Math.max(0, Math.round(ms));
  const minutes = Math.floor(total / 60_000);
  const seconds = Math.floor((total % 60_000) / 1000);
  const millis = total % 1000;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(millis).padStart(3, '0')}`;
}
