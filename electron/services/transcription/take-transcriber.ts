// Transcribes one take while it is being recorded: samples arrive as they are written, a speech gate
// marks where there is speech, and each time the chunk planner closes a chunk (~30 s, cut at a pause)
// its speech is sent to the engine in the background. After Stop only the tail is left to do.
// Silent stretches never reach the engine: a chunk is spliced from its speech regions only, and the
// words' times are mapped back onto the take's timeline. Each chunk's result then passes the guards
// (guards/: loops, text in silence, times, annotations), and the next call is prompted with the end of
// its text (chunk-prompt.ts).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Transcript, TranscriptionGuards, TranscriptionState } from '../../shared/contract';
import { encodeMonoWav } from '../audio/wav';
import { ChunkPlanner, type Chunk } from './chunk-planner';
import { chunkPrompt } from './chunk-prompt';
import { addGuards, guardTranscript, noGuards } from './guards';
import { dropWordDoubledAtCut } from './guards/boundary';
import { SpeechGate, type SpeechRegion } from './speech-gate';
import { mergeTranscripts } from './transcript';
import { CancelledError, type TranscriptionQueue } from './transcription-queue';

const RATE = 16_000;
/** Silence kept between two spliced speech regions, so words do not run into each other. */
const SPLICE_GAP_MS = 200;

export type Transcribe = (
  wavPath: string,
  options: { signal: AbortSignal; onProgress: (pct: number) => void; prompt?: string },
) => Promise<Transcript>;

interface Piece {
  /** Where the piece starts on the take's timeline and in the spliced audio, and how long it is. */
  takeMs: number;
  splicedMs: number;
  durationMs: number;
}

/** Lays the speech regions of a chunk end to end with short gaps; returns the audio and how to map times back. */
export function spliceSpeech(samples: Int16Array, speech: readonly SpeechRegion[]): { audio: Int16Array; pieces: Piece[] } {
  const pieces: Piece[] = [];
  const parts: Int16Array[] = [];
  let splicedMs = 0;
  for (const region of speech) {
    const from = Math.max(0, Math.round((region.startMs * RATE) / 1000));
    const to = Math.min(samples.length, Math.round((region.endMs * RATE) / 1000));
    if (to <= from) continue;
    if (parts.length > 0) {
      parts.push(new Int16Array(Math.round((SPLICE_GAP_MS * RATE) / 1000)));
      splicedMs += SPLICE_GAP_MS;
    }
    const durationMs = ((to - from) / RATE) * 1000;
    pieces.push({ takeMs: (from / RATE) * 1000, splicedMs, durationMs });
    parts.push(samples.subarray(from, to));
    splicedMs += durationMs;
  }
  const audio = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    audio.set(part, at);
    at += part.length;
  }
  return { audio, pieces };
}

/** Maps a time in the spliced audio back to the take (a time in a gap goes to the start of the next piece). */
export function toTakeMs(pieces: readonly Piece[], splicedMs: number): number {
  for (const piece of pieces) {
    if (splicedMs <= piece.splicedMs + piece.durationMs) {
      return piece.takeMs + Math.max(0, splicedMs - piece.splicedMs);
    }
  }
  const last = pieces.at(-1);
  return last ? last.takeMs + last.durationMs : splicedMs;
}

function mapTranscript(transcript: Transcript, pieces: readonly Piece[]): Transcript {
  const map = (ms: number) => Math.round(toTakeMs(pieces, ms));
  return {
    segments: transcript.segments.map((segment) => ({
      ...segment,
      startMs: map(segment.startMs),
      endMs: map(segment.endMs),
      words: segment.words.map((word) => ({ ...word, startMs: map(word.startMs), endMs: map(word.endMs) })),
    })),
  };
}

export interface TakeTranscriberOptions {
  takeId: string;
  queue: TranscriptionQueue;
  transcribe: Transcribe;
  workDir: string;
  now?: () => number;
  /** Called whenever the state changes (progress, done, failure). */
  onChange?: (state: TranscriptionState) => void;
}

export class TakeTranscriber {
  private samples = new Int16Array(RATE * 60);
  private length = 0;
  private readonly gate = new SpeechGate();
  private readonly planner = new ChunkPlanner({ quietestMs: (fromMs, toMs) => this.gate.quietestMs(fromMs, toMs) });
  private readonly parts: Promise<Transcript>[] = [];
  private readonly chunks: Chunk[] = [];
  /** What the guards did to each chunk's result, by chunk index (holes for chunks not done). */
  private readonly guarded: TranscriptionGuards[] = [];
  private doneMs = 0;
  private runningMs = 0;
  private runningPct = 0;
  private stoppedAt: number | null = null;
  private state: TranscriptionState;
  private readonly now: () => number;

  constructor(private readonly options: TakeTranscriberOptions) {
    this.now = options.now ?? Date.now;
    this.state = {
      takeId: options.takeId,
      status: 'waiting',
      progress: 0,
      transcript: null,
      error: null,
      errorCode: null,
      afterStopMs: null,
    };
  }

  get current(): TranscriptionState {
    return this.state;
  }

  /** New samples of the take (16 kHz mono), in order. */
  append(samples: Int16Array): void {
    if (this.stoppedAt !== null || samples.length === 0) return;
    this.grow(samples.length);
    this.samples.set(samples, this.length);
    this.length += samples.length;
    this.gate.push(Float32Array.from(samples, (s) => s / 32768));
    for (const chunk of this.planner.update(this.totalMs(), this.gate.regions())) this.enqueue(chunk);
  }

  /** The take has stopped: transcribe the tail, then join all chunks. Resolves when the transcript is final. */
  async finish(): Promise<TranscriptionState> {
    if (this.stoppedAt !== null) return this.state;
    this.stoppedAt = this.now();
    for (const chunk of this.planner.finish(this.totalMs(), this.gate.regions())) this.enqueue(chunk);
    this.update({ status: this.parts.length > 0 ? 'queued' : 'done' });
    try {
      const parts = await Promise.all(this.parts);
      // Only a hard cut can fall inside a word (chunk-planner.ts): keep a word both sides wrote once.
      let doubled = 0;
      for (let i = 0; i + 1 < parts.length; i++) {
        const chunk = this.chunks[i] as Chunk;
        if (chunk.cut !== 'hard') continue;
        const joined = dropWordDoubledAtCut(parts[i] as Transcript, parts[i + 1] as Transcript, chunk.endMs);
        parts[i + 1] = joined.after;
        doubled += joined.dropped;
      }
      const transcript = mergeTranscripts(parts);
      const guards = { ...this.guarded.reduce(addGuards, noGuards()), wordsDoubledAtCuts: doubled };
      this.update({ status: 'done', progress: 100, transcript, afterStopMs: this.now() - this.stoppedAt, guards });
    } catch (error) {
      if (error instanceof CancelledError || (error instanceof Error && 'code' in error && error.code === 'cancelled')) {
        this.update({ status: 'cancelled', error: 'Transcription was cancelled.', errorCode: 'cancelled' });
      } else {
        const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'engine-failed';
        this.update({ status: 'failed', error: error instanceof Error ? error.message : String(error), errorCode: code });
      }
    }
    return this.state;
  }

  cancel(): void {
    this.options.queue.cancel(this.options.takeId);
  }

  private totalMs(): number {
    return (this.length / RATE) * 1000;
  }

  private grow(extra: number): void {
    if (this.length + extra <= this.samples.length) return;
    const bigger = new Int16Array(Math.max(this.samples.length * 2, this.length + extra));
    bigger.set(this.samples.subarray(0, this.length));
    this.samples = bigger;
  }

  private enqueue(chunk: Chunk): void {
    const index = this.parts.length;
    const durationMs = chunk.endMs - chunk.startMs;
    const part = this.options.queue.add({
      key: this.options.takeId,
      run: async (signal) => {
        this.runningMs = durationMs;
        this.runningPct = 0;
        if (this.state.status !== 'done') this.update({ status: 'running' });
        try {
          return await this.transcribeChunk(index, chunk, signal);
        } finally {
          this.doneMs += durationMs;
          this.runningMs = 0;
          this.reportProgress();
        }
      },
    });
    part.catch(() => undefined);
    this.parts.push(part);
    this.chunks.push(chunk);
  }

  private async transcribeChunk(index: number, chunk: Chunk, signal: AbortSignal): Promise<Transcript> {
    const { audio, pieces } = spliceSpeech(this.samples.subarray(0, this.length), chunk.speech);
    if (audio.length === 0) return { segments: [] };
    const prompt = await this.promptFor(index);
    await fs.mkdir(this.options.workDir, { recursive: true });
    const wavPath = path.join(this.options.workDir, `${this.options.takeId}-${index}.wav`);
    await fs.writeFile(wavPath, encodeMonoWav(audio, RATE));
    try {
      const transcript = await this.options.transcribe(wavPath, {
        signal,
        prompt,
        onProgress: (pct) => {
          this.runningPct = Math.min(100, Math.max(0, pct));
          this.reportProgress();
        },
      });
      const result = guardTranscript(mapTranscript(transcript, pieces), {
        fromMs: chunk.startMs,
        toMs: Math.min(chunk.endMs, this.totalMs()),
        speech: chunk.speech,
      });
      this.guarded[index] = result.guards;
      return result.transcript;
    } finally {
      await fs.rm(wavPath, { force: true });
    }
  }

  /**
   * The guarded text of the chunk before as context, skipping silent chunks (a long pause is not the end of
   * what was being said). The queue runs a take's chunks in order, so that chunk is done.
   */
  private async promptFor(index: number): Promise<string> {
    let before = index - 1;
    while (before >= 0 && this.chunks[before]?.silent) before--;
    const part = this.parts[before];
    const transcript = part ? await part.catch(() => null) : null;
    const loopCut = (this.guarded[before]?.checkSpans.length ?? 0) > 0;
    return chunkPrompt(transcript ? { transcript, loopCut } : null);
  }

  private reportProgress(): void {
    const known = Math.max(this.totalMs(), 1);
    const pct = ((this.doneMs + (this.runningMs * this.runningPct) / 100) / known) * 100;
    if (this.state.status !== 'done') this.update({ progress: Math.min(99, Math.round(pct)) });
  }

  private update(patch: Partial<TranscriptionState>): void {
    this.state = { ...this.state, ...patch };
    this.options.onChange?.(this.state);
  }
}
