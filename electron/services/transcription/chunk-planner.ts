// Where to cut a take that is still growing into chunks for whisper, so that most of the transcription
// is done while the person is still speaking and only the tail is left after Stop.
//
// Rules, for the chunk that starts where the last one ended:
//   - whisper sees at most 30 s at once: a chunk is never longer than maxMs;
//   - a long silence (longPauseMs or more, 3 s) ends the chunk as soon as it is known to be long, a little
//     after the speech before it, and becomes a chunk of its own, flagged silent (the caller skips the
//     engine; offsets stay consistent). So does a long silence at the start or the end of the take, and a
//     silence longer than maxMs gives several silent chunks;
//   - otherwise the chunk ends in a pause (a gap of at least minPauseMs between speech regions, which
//     already include the gate's padding and hangover), at least minPauseMs / 2 away from the speech on
//     both sides (the middle of a minimal pause), at the point closest to targetMs after the chunk's start;
//     once the rest of a finished take fits in maxMs, it is one chunk;
//   - with no such pause within maxMs (continuous speech, a very fast talker), the chunk is cut hard near
//     maxMs: at the quietest frame of the last hardCutSearchMs when the caller can say where that is, else at
//     maxMs. This may split a word; the chunk says so (cut: 'hard').
//   - nothing is decided about audio whose speech decisions may still change: update() only looks at what
//     lies more than lookaheadMs before the end of the audio (the speech gate's settled part). finish()
//     looks at all of it.
// Times are ms from the start of the take. Cuts in pauses and hard cuts fall on whole ms (whole 16 kHz
// samples); edges of silences are the gate's region edges (whole ms too, as the gate works in 20 ms frames).
import { SPEECH_GATE_LOOKAHEAD_MS, type SpeechRegion } from './speech-gate';

/** Why a chunk ends where it does. */
export type ChunkCut =
  /** Inside a pause between speech regions. */
  | 'pause'
  /** At the edge of a long silence (before it, or where the speech after it begins). */
  | 'silence'
  /** No pause within maxMs: cut inside speech (a word may be split). */
  | 'hard'
  /** The end of the take. */
  | 'end';

export interface Chunk {
  startMs: number;
  endMs: number;
  /** The speech regions inside the chunk, clipped to it. */
  speech: SpeechRegion[];
  /** No speech at all: do not send it to the engine. */
  silent: boolean;
  cut: ChunkCut;
}

export interface ChunkPlannerOptions {
  /** Preferred chunk length: among the usable pauses, the cut closest to this many ms after the chunk's start wins. */
  targetMs?: number;
  /** The longest chunk. whisper's window is 30 s: more would be cut off by the engine. */
  maxMs?: number;
  /** The shortest gap between speech regions that is a pause to cut in (the regions already carry the gate's padding and hangover). */
  minPauseMs?: number;
  /** A gap at least this long is a silence of its own: a silent chunk. Infinity to never split one off. */
  longPauseMs?: number;
  /** How far behind the end of the audio the regions are final; the speech gate's lookahead by default. */
  lookaheadMs?: number;
  /** Where to look for the quietest frame before a hard cut: the last this many ms before maxMs. */
  hardCutSearchMs?: number;
  /**
   * Where in [fromMs, toMs] the audio is quietest (e.g. SpeechGate.quietestMs), for hard cuts. Without it, or
   * when it answers undefined or a time outside that range, a hard cut falls at exactly maxMs.
   */
  quietestMs?: (fromMs: number, toMs: number) => number | undefined;
}

export const CHUNK_PLANNER_DEFAULTS = {
  targetMs: 30_000,
  maxMs: 30_000,
  minPauseMs: 300,
  longPauseMs: 3_000,
  lookaheadMs: SPEECH_GATE_LOOKAHEAD_MS,
  hardCutSearchMs: 2_000,
} as const;

interface Gap {
  /** Silence from..to, within what is known. */
  fromMs: number;
  toMs: number;
  /** Speech (or the start of the take) before it; speech (or the end of the take) after it: no margin needed at a take edge. */
  afterSpeech: boolean;
  beforeSpeech: boolean;
  /** Its end is not known yet: it runs on past what has been decided. */
  open: boolean;
}

export class ChunkPlanner {
  private readonly targetMs: number;
  private readonly maxMs: number;
  private readonly minPauseMs: number;
  private readonly longPauseMs: number;
  private readonly lookaheadMs: number;
  private readonly hardCutSearchMs: number;
  private readonly quietestMs: ChunkPlannerOptions['quietestMs'];
  private startMs = 0;
  private finished = false;

  constructor(options: ChunkPlannerOptions = {}) {
    this.maxMs = options.maxMs ?? CHUNK_PLANNER_DEFAULTS.maxMs;
    this.targetMs = options.targetMs ?? Math.min(CHUNK_PLANNER_DEFAULTS.targetMs, this.maxMs);
    this.minPauseMs = options.minPauseMs ?? CHUNK_PLANNER_DEFAULTS.minPauseMs;
    this.longPauseMs = options.longPauseMs ?? CHUNK_PLANNER_DEFAULTS.longPauseMs;
    this.lookaheadMs = options.lookaheadMs ?? CHUNK_PLANNER_DEFAULTS.lookaheadMs;
    this.hardCutSearchMs = options.hardCutSearchMs ?? CHUNK_PLANNER_DEFAULTS.hardCutSearchMs;
    this.quietestMs = options.quietestMs;
    if (!(this.maxMs >= 1_000)) throw new Error(`maxMs must be at least 1000, got ${this.maxMs}`);
    if (!(this.targetMs > 0 && this.targetMs <= this.maxMs)) throw new Error(`targetMs must be in (0, maxMs], got ${this.targetMs}`);
    if (!(this.minPauseMs >= 0)) throw new Error(`minPauseMs must not be negative, got ${this.minPauseMs}`);
    if (!(this.longPauseMs >= this.minPauseMs)) throw new Error(`longPauseMs must be at least minPauseMs, got ${this.longPauseMs}`);
    if (!(this.lookaheadMs >= 0)) throw new Error(`lookaheadMs must not be negative, got ${this.lookaheadMs}`);
  }

  /** Where the next chunk will start: everything before it has been returned as chunks. */
  get plannedMs(): number {
    return this.startMs;
  }

  /**
   * The take has grown to totalMs and the gate says regions: the chunks that are now complete, in order
   * (often none). Regions are the whole take's so far (as SpeechGate.regions() returns them); totalMs must
   * be the audio the gate has been given, as its regions are only final lookaheadMs behind that.
   */
  update(totalMs: number, regions: readonly SpeechRegion[]): Chunk[] {
    if (this.finished) throw new Error('the chunk planner has finished: no update after finish()');
    return this.plan(totalMs - this.lookaheadMs, regions, false);
  }

  /** The take has stopped at totalMs: the remaining chunks, up to the end of the take. */
  finish(totalMs: number, regions: readonly SpeechRegion[]): Chunk[] {
    if (this.finished) throw new Error('the chunk planner has already finished');
    this.finished = true;
    return this.plan(totalMs, regions, true);
  }

  private plan(knownMs: number, input: readonly SpeechRegion[], final: boolean): Chunk[] {
    const regions = normalise(input, knownMs);
    const chunks: Chunk[] = [];
    while (this.startMs < knownMs) {
      const start = this.startMs;
      const cut = this.nextCut(start, knownMs, gapsIn(regions, start, knownMs, final), final);
      if (!cut || !(cut.endMs > start)) break;
      chunks.push(makeChunk(start, cut.endMs, regions, cut.cut));
      this.startMs = cut.endMs;
    }
    return chunks;
  }

  /** Where the chunk starting at start ends, or null when that cannot be decided yet. Never after knownMs. */
  private nextCut(start: number, knownMs: number, gaps: readonly Gap[], final: boolean): { endMs: number; cut: ChunkCut } | null {
    const limit = start + this.maxMs;
    const keep = this.minPauseMs / 2;

    // Long silences first: the first one that the chunk is in, or that begins within maxMs.
    for (const gap of gaps) {
      if (gap.toMs - gap.fromMs < this.longPauseMs) continue;
      const silentFrom = gap.afterSpeech ? gap.fromMs + keep : gap.fromMs;
      const silentTo = gap.open ? Number.POSITIVE_INFINITY : gap.beforeSpeech ? gap.toMs - keep : gap.toMs;
      if (start >= gap.fromMs && start < silentTo) {
        // In the silence: a silent chunk to where it ends, or to maxMs once the silence is known to last that long.
        if (silentTo <= limit) return { endMs: silentTo, cut: gap.beforeSpeech ? 'silence' : 'end' };
        if (!gap.open || gap.toMs - keep >= limit) return { endMs: limit, cut: 'silence' };
        return null;
      }
      if (silentFrom > start && silentFrom <= limit) return { endMs: silentFrom, cut: 'silence' };
    }

    // The rest of a finished take fits in one chunk.
    if (final && knownMs <= limit) return { endMs: knownMs, cut: 'end' };

    // A pause that begins after the chunk's start (cutting in the pause the chunk starts in gains nothing).
    const target = start + this.targetMs;
    let best: number | null = null;
    for (const gap of gaps) {
      if (gap.fromMs <= start || gap.toMs - gap.fromMs < this.minPauseMs) continue;
      const lo = gap.afterSpeech ? gap.fromMs + keep : gap.fromMs;
      const hi = Math.min(gap.beforeSpeech || gap.open ? gap.toMs - keep : gap.toMs, limit);
      if (lo > hi) continue;
      const point = cutAt(Math.min(hi, Math.max(lo, target)), lo, hi);
      if (point === null || point <= start) continue;
      if (best === null || Math.abs(point - target) <= Math.abs(best - target)) best = point;
    }
    // Pauses still to come can only give cuts after knownMs - keep: once that is as far past the target as
    // the best cut is from it, nothing better can come. Otherwise wait until all of maxMs is known.
    const decided = final || knownMs >= limit || (best !== null && knownMs - keep >= target + Math.abs(best - target));
    if (!decided) return null;
    if (best !== null) return { endMs: best, cut: 'pause' };
    return { endMs: this.hardCut(start, limit), cut: 'hard' };
  }

  private hardCut(start: number, limit: number): number {
    const from = Math.max(start + 1, limit - this.hardCutSearchMs);
    const quietest = this.quietestMs?.(from, limit);
    if (quietest === undefined || !Number.isFinite(quietest)) return limit;
    return cutAt(quietest, from, limit) ?? limit;
  }
}

/**
 * The part of a chunk worth sending to the engine: its speech, from the first region's start to the last
 * one's end, split where the speech stops for maxGapMs or more (Infinity: one window). None for a silent chunk.
 */
export function speechOnlyWindows(chunk: Chunk, maxGapMs = Number.POSITIVE_INFINITY): SpeechRegion[] {
  const windows: SpeechRegion[] = [];
  for (const region of chunk.speech) {
    const startMs = Math.max(chunk.startMs, region.startMs);
    const endMs = Math.min(chunk.endMs, region.endMs);
    if (endMs <= startMs) continue;
    const last = windows.at(-1);
    if (last && startMs - last.endMs < maxGapMs) last.endMs = Math.max(last.endMs, endMs);
    else windows.push({ startMs, endMs });
  }
  return windows;
}

/** A cut on a whole ms (a whole number of samples at 16 kHz) near ms and within [lo, hi]; null if there is none. */
function cutAt(ms: number, lo: number, hi: number): number | null {
  const down = Math.floor(ms);
  const point = down >= lo ? down : Math.ceil(ms);
  return point >= lo && point <= hi ? point : null;
}

/** Sorted, merged, only what starts before knownMs. */
function normalise(regions: readonly SpeechRegion[], knownMs: number): SpeechRegion[] {
  const sorted = regions.filter((r) => r.endMs > r.startMs && r.startMs < knownMs).sort((a, b) => a.startMs - b.startMs);
  const out: SpeechRegion[] = [];
  for (const region of sorted) {
    const last = out.at(-1);
    if (last && region.startMs <= last.endMs) last.endMs = Math.max(last.endMs, region.endMs);
    else out.push({ startMs: region.startMs, endMs: region.endMs });
  }
  return out;
}

/** The silences between the regions that end after fromMs, up to knownMs (the last one open unless final). */
function gapsIn(regions: readonly SpeechRegion[], fromMs: number, knownMs: number, final: boolean): Gap[] {
  const gaps: Gap[] = [];
  let silentFrom = 0;
  let afterSpeech = false;
  for (const region of regions) {
    if (region.startMs > silentFrom && region.startMs > fromMs) {
      gaps.push({ fromMs: silentFrom, toMs: region.startMs, afterSpeech, beforeSpeech: true, open: false });
    }
    silentFrom = Math.max(silentFrom, region.endMs);
    afterSpeech = true;
  }
  if (silentFrom < knownMs) gaps.push({ fromMs: silentFrom, toMs: knownMs, afterSpeech, beforeSpeech: false, open: !final });
  return gaps;
}

function makeChunk(startMs: number, endMs: number, regions: readonly SpeechRegion[], cut: ChunkCut): Chunk {
  const speech: SpeechRegion[] = [];
  for (const region of regions) {
    const from = Math.max(startMs, region.startMs);
    const to = Math.min(endMs, region.endMs);
    if (to > from) speech.push({ startMs: from, endMs: to });
  }
  return { startMs, endMs, speech, silent: speech.length === 0, cut };
}
