// Transcribes one take while it is being recorded: samples arrive as they are written, a speech gate
// marks where there is speech, and each time the chunk planner closes a chunk (~22 s, cut at a pause)
// its speech is sent to the engine in the background. After Stop only the tail is left to do.
// Silent stretches never reach the engine: a chunk is spliced from its speech regions only, and the
// words' times are mapped back onto the take's timeline. Each chunk's result then passes the guards
// (guards/: loops, text in silence, times, annotations), and the next call is prompted with the end of
// its text (chunk-prompt.ts); the join with that text is guarded too (guards/repeats-at-join.ts).
//
// Stop. whisper.cpp encodes a whole 30 s window per call, so a call costs about the same for 3 s of audio
// as for 30 s, and what Stop waits for is the number of calls still to run. At Stop the tail and any chunk
// still waiting in the queue are packed into as few calls as fit in one window; and a call that started
// recently (less than RESTART_BEFORE of its expected duration ago, call-durations.ts) is killed and its
// audio sent again with the tail, when together they fit: one call after Stop instead of the rest of that
// one plus another. Chunks aim at CHUNK_TARGET_MS and end by CHUNK_MAX_MS, so that they nearly always fit. Nothing is lost
// by a restart: the killed call's chunks go into the new call, and its result, should it come anyway, is
// not used.
//
// Memory: only the audio that a call still needs is kept (from the oldest chunk not yet transcribed, or
// from where the planner will cut next), not the whole take.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Transcript, TranscriptionGuards, TranscriptionState } from '../../shared/contract';
import { encodeMonoWav } from '../audio/wav';
import { CallDurations, sharedCallDurations } from './call-durations';
import { ChunkPlanner, type Chunk } from './chunk-planner';
import { chunkPrompt } from './chunk-prompt';
import { addGuards, guardTranscript, noGuards } from './guards';
import { dropWordDoubledAtCut } from './guards/boundary';
import { removeRepeatsAtJoin } from './guards/repeats-at-join';
import { SpeechGate, type SpeechRegion } from './speech-gate';
import { mergeTranscripts } from './transcript';
import { CancelledError, type TranscriptionQueue } from './transcription-queue';

const RATE = 16_000;
/** Silence kept between two spliced speech regions, so words do not run into each other. */
const SPLICE_GAP_MS = 200;
/** whisper's window: the most audio one engine call hears whole. */
export const CALL_WINDOW_MS = 30_000;
/**
 * The chunk length the planner aims at (it cuts in the pause nearest to it), and the longest chunk. What a
 * Stop-time merge needs is that the running chunk and the audio that arrived after it fit in one window
 * together, and that is decided by how long after its start a chunk is closed: the planner waits for a
 * better pause up to maxMs (then + its 1.2 s lookahead). Measured with the bench's answers (BENCH_PLAN_ONLY,
 * Stop 1.8 s into the call): 24 s / 30 s let the merge fit at 7 of 17 chunk closings, 22 s / 26 s at all 21.
 */
export const CHUNK_TARGET_MS = 22_000;
export const CHUNK_MAX_MS = 26_000;
/** At Stop, a running call that is less than this share through its expected duration is restarted with the tail. */
export const RESTART_BEFORE = 0.8;

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

/**
 * Lays the speech regions of a chunk end to end with short gaps; returns the audio and how to map times back.
 * `samples` may be a window of the take that starts at sample `firstSample`; region times are the take's.
 */
export function spliceSpeech(
  samples: Int16Array,
  speech: readonly SpeechRegion[],
  firstSample = 0,
): { audio: Int16Array; pieces: Piece[] } {
  const pieces: Piece[] = [];
  const parts: Int16Array[] = [];
  let splicedMs = 0;
  for (const region of speech) {
    const from = Math.max(firstSample, Math.round((region.startMs * RATE) / 1000));
    const to = Math.min(firstSample + samples.length, Math.round((region.endMs * RATE) / 1000));
    if (to <= from) continue;
    if (parts.length > 0) {
      parts.push(new Int16Array(Math.round((SPLICE_GAP_MS * RATE) / 1000)));
      splicedMs += SPLICE_GAP_MS;
    }
    const durationMs = ((to - from) / RATE) * 1000;
    pieces.push({ takeMs: (from / RATE) * 1000, splicedMs, durationMs });
    parts.push(samples.subarray(from - firstSample, to - firstSample));
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

/** The speech of consecutive chunks as one list: regions that a cut split are whole again. */
export function joinSpeech(chunks: readonly Chunk[]): SpeechRegion[] {
  const out: SpeechRegion[] = [];
  for (const region of chunks.flatMap((chunk) => chunk.speech)) {
    const last = out.at(-1);
    if (last && region.startMs <= last.endMs) last.endMs = Math.max(last.endMs, region.endMs);
    else out.push({ ...region });
  }
  return out;
}

/** How long spliceSpeech's audio for these regions is, in ms. */
export function splicedMs(speech: readonly SpeechRegion[]): number {
  const regions = speech.filter((r) => r.endMs > r.startMs);
  return regions.reduce((sum, r) => sum + r.endMs - r.startMs, 0) + Math.max(0, regions.length - 1) * SPLICE_GAP_MS;
}

/** The planner a take's transcriber uses (the bench replays it). */
export function takeChunkPlanner(gate: SpeechGate): ChunkPlanner {
  return new ChunkPlanner({ targetMs: CHUNK_TARGET_MS, maxMs: CHUNK_MAX_MS, quietestMs: (fromMs, toMs) => gate.quietestMs(fromMs, toMs) });
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
  /** How long engine calls take here; by default what every take of this process has learnt. */
  callDurations?: CallDurations;
  /** Called whenever the state changes (progress, done, failure). */
  onChange?: (state: TranscriptionState) => void;
}

/** One engine call: one chunk while recording; after Stop, possibly several chunks together. */
interface Call {
  chunks: Chunk[];
  speech: SpeechRegion[];
  /** superseded: its chunks went into a later call (Stop merged them), and its result is not used. */
  state: 'waiting' | 'running' | 'done' | 'superseded';
  startedAt: number | null;
  /** Aborted when Stop restarts the call with the tail. */
  restart: AbortController;
  result: Promise<Transcript | null>;
  /** What the guards did to its result, once it is done. */
  guards: TranscriptionGuards | null;
}

export class TakeTranscriber {
  /** The audio still needed, from the take's sample `bufferStart` on; `length` is the take's total so far. */
  private buffer = new Int16Array(RATE * 60);
  private bufferStart = 0;
  private length = 0;
  private readonly gate = new SpeechGate();
  private readonly planner = takeChunkPlanner(this.gate);
  private readonly calls: Call[] = [];
  private doneMs = 0;
  private runningMs = 0;
  private runningPct = 0;
  private stoppedAt: number | null = null;
  private state: TranscriptionState;
  private readonly now: () => number;
  private readonly durations: CallDurations;

  constructor(private readonly options: TakeTranscriberOptions) {
    this.now = options.now ?? Date.now;
    this.durations = options.callDurations ?? sharedCallDurations;
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

  /** Samples of the take held in memory now (the bench and the tests check it stays bounded). */
  get heldSamples(): number {
    return this.buffer.length;
  }

  /** New samples of the take (16 kHz mono), in order. */
  append(samples: Int16Array): void {
    if (this.stoppedAt !== null || samples.length === 0) return;
    this.makeRoom(samples.length);
    this.buffer.set(samples, this.length - this.bufferStart);
    this.length += samples.length;
    this.gate.push(Float32Array.from(samples, (s) => s / 32768));
    for (const chunk of this.planner.update(this.totalMs(), this.gate.regions())) this.enqueue([chunk]);
  }

  /** The take has stopped: transcribe the tail, then join all chunks. Resolves when the transcript is final. */
  async finish(): Promise<TranscriptionState> {
    if (this.stoppedAt !== null) return this.state;
    this.stoppedAt = this.now();
    this.mergeAtStop(this.planner.finish(this.totalMs(), this.gate.regions()));
    const calls = this.calls.filter((call) => call.state !== 'superseded');
    this.update({ status: calls.length > 0 ? 'queued' : 'done' });
    try {
      const parts = (await Promise.all(calls.map((call) => call.result))).map((part) => part ?? { segments: [] });
      // Only a hard cut can fall inside a word (chunk-planner.ts): keep a word both sides wrote once.
      let doubled = 0;
      for (let i = 0; i + 1 < parts.length; i++) {
        const chunk = calls[i]!.chunks.at(-1) as Chunk;
        if (chunk.cut !== 'hard') continue;
        const joined = dropWordDoubledAtCut(parts[i] as Transcript, parts[i + 1] as Transcript, chunk.endMs);
        parts[i + 1] = joined.after;
        doubled += joined.dropped;
      }
      const transcript = mergeTranscripts(parts);
      const guards = { ...calls.map((call) => call.guards ?? noGuards()).reduce(addGuards, noGuards()), wordsDoubledAtCuts: doubled };
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

  /**
   * The tail and every chunk still waiting go into as few calls as fit in whisper's window; the running
   * call joins the first of them when it started recently enough and fits (see the top of this file).
   */
  private mergeAtStop(tail: Chunk[]): void {
    const waiting = this.calls.filter((call) => call.state === 'waiting');
    const running = this.calls.find((call) => call.state === 'running') ?? null;
    const packs: Chunk[][] = [];
    for (const chunk of [...waiting.flatMap((call) => call.chunks), ...tail]) {
      const last = packs.at(-1);
      if (last && splicedMs(joinSpeech([...last, chunk])) <= CALL_WINDOW_MS) last.push(chunk);
      else packs.push([chunk]);
    }
    for (const call of waiting) call.state = 'superseded';
    const first = packs[0];
    if (running && first && splicedMs(joinSpeech(first)) > 0 && this.worthRestarting(running)) {
      const together = [...running.chunks, ...first];
      if (splicedMs(joinSpeech(together)) <= CALL_WINDOW_MS) {
        running.state = 'superseded';
        running.restart.abort();
        packs[0] = together;
      }
    }
    for (const pack of packs) this.enqueue(pack);
  }

  /** Whether the running call would take longer to finish than it takes to redo it with the tail. */
  private worthRestarting(call: Call): boolean {
    const expected = this.durations.estimate();
    if (expected === null || call.startedAt === null) return true;
    return this.now() - call.startedAt < RESTART_BEFORE * expected;
  }

  private totalMs(): number {
    return (this.length / RATE) * 1000;
  }

  /** Room for `extra` more samples: first by dropping audio no call needs any more, then by growing. */
  private makeRoom(extra: number): void {
    const held = this.length - this.bufferStart;
    if (held + extra <= this.buffer.length) return;
    const needed = this.calls.filter((call) => call.state === 'waiting' || call.state === 'running').map((call) => call.chunks[0]!.startMs);
    const keepFromMs = Math.min(this.planner.plannedMs, ...needed);
    const keepFrom = Math.min(this.length, Math.max(this.bufferStart, Math.floor((keepFromMs * RATE) / 1000)));
    const kept = this.length - keepFrom;
    const target = kept + extra <= this.buffer.length ? this.buffer : new Int16Array(Math.max(this.buffer.length * 2, kept + extra));
    target.set(this.buffer.subarray(keepFrom - this.bufferStart, held));
    this.buffer = target;
    this.bufferStart = keepFrom;
  }

  private enqueue(chunks: Chunk[]): void {
    const durationMs = (chunks.at(-1) as Chunk).endMs - (chunks[0] as Chunk).startMs;
    const call: Call = {
      chunks,
      speech: joinSpeech(chunks),
      state: 'waiting',
      startedAt: null,
      restart: new AbortController(),
      result: Promise.resolve(null),
      guards: null,
    };
    // Listed before it is queued: an idle queue starts it at once, and it looks for the call before it.
    this.calls.push(call);
    call.result = this.options.queue.add({
      key: this.options.takeId,
      run: async (signal) => {
        if (call.state === 'superseded') return null;
        call.state = 'running';
        call.startedAt = this.now();
        this.runningMs = durationMs;
        this.runningPct = 0;
        if (this.state.status !== 'done') this.update({ status: 'running' });
        try {
          const transcript = await this.transcribeCall(call, AbortSignal.any([signal, call.restart.signal]));
          if (call.state === 'running') this.doneMs += durationMs;
          return transcript;
        } catch (error) {
          // Restarted by Stop: its chunks are in a later call. A cancel of the take still ends the take.
          if ((call.state as Call['state']) === 'superseded' && !signal.aborted) return null;
          throw error;
        } finally {
          if (call.state === 'running') call.state = 'done';
          this.runningMs = 0;
          this.reportProgress();
        }
      },
    });
    call.result.catch(() => undefined);
  }

  private async transcribeCall(call: Call, signal: AbortSignal): Promise<Transcript> {
    const { audio, pieces } = spliceSpeech(this.buffer.subarray(0, this.length - this.bufferStart), call.speech, this.bufferStart);
    if (audio.length === 0) return { segments: [] };
    const before = await this.textBefore(call);
    const prompt = chunkPrompt(before);
    await fs.mkdir(this.options.workDir, { recursive: true });
    const wavPath = path.join(this.options.workDir, `${this.options.takeId}-${this.calls.indexOf(call)}.wav`);
    await fs.writeFile(wavPath, encodeMonoWav(audio, RATE));
    try {
      const startedAt = this.now();
      const transcript = await this.options.transcribe(wavPath, {
        signal,
        prompt,
        onProgress: (pct) => {
          this.runningPct = Math.min(100, Math.max(0, pct));
          this.reportProgress();
        },
      });
      this.durations.record(this.now() - startedAt);
      const first = call.chunks[0] as Chunk;
      const last = call.chunks.at(-1) as Chunk;
      const result = guardTranscript(mapTranscript(transcript, pieces), {
        fromMs: first.startMs,
        toMs: Math.min(last.endMs, this.totalMs()),
        speech: call.speech,
      });
      if (!before) {
        call.guards = result.guards;
        return result.transcript;
      }
      // A loop carried over from the text before (the prompt invites that) is cut at the join.
      const join = removeRepeatsAtJoin(before.transcript, result.transcript);
      call.guards = addGuards(result.guards, { ...noGuards(), repeatsRemoved: join.removed, checkSpans: join.spans });
      return join.after;
    } finally {
      await fs.rm(wavPath, { force: true });
    }
  }

  /**
   * The guarded text of the call before as context, skipping silent chunks (a long pause is not the end of
   * what was being said) and calls Stop replaced. The queue runs a take's calls in order, so that one is done.
   */
  private async textBefore(call: Call): Promise<{ transcript: Transcript; loopCut: boolean } | null> {
    for (let i = this.calls.indexOf(call) - 1; i >= 0; i--) {
      const before = this.calls[i] as Call;
      if (before.state === 'superseded' || before.speech.length === 0) continue;
      const transcript = await before.result.catch(() => null);
      if (!transcript || transcript.segments.length === 0) return null;
      return { transcript, loopCut: (before.guards?.checkSpans.length ?? 0) > 0 };
    }
    return null;
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
