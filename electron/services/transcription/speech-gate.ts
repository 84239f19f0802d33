// Where is someone speaking? An energy-based voice activity detector for a take (16 kHz mono float
// samples), fed as the take is recorded. whisper invents text on silence, so only what this gate calls
// speech is ever sent to the engine; a word cut off here is a word lost, so every choice below leans
// towards keeping quiet speech rather than towards dropping noise.
//
// Method, per 20 ms frame:
//   1. a 100 Hz high-pass (DC offset, handling rumble and most mains hum are not speech);
//   2. the frame's RMS level in dBFS;
//   3. a noise floor that follows the quietest recent frames: it drops at once to any quieter frame and
//      otherwise rises slowly, so it tracks the room but not the voice (speech always has quiet frames
//      between words and phrases, which pull it back down);
//   4. a frame is loud when it is speechMarginDb above that floor AND above an absolute level, so that
//      digital silence and faint hiss never count whatever the floor says;
//   5. loud frames less than a hangover apart form one region, which lasts a hangover past its last loud
//      frame and starts a padding before its first; a region with too few loud frames is a click and is
//      dropped; regions that touch are merged.
//
// Streaming: push() any number of samples at a time; the result never depends on how the signal was cut
// into pushes (the filter, the frame and the floor carry their state across). regions() always answers
// "as if the take ended now", and what it says about any time before processedMs - SPEECH_GATE_LOOKAHEAD_MS
// is final: later audio can no longer change it (see SPEECH_GATE_LOOKAHEAD_MS).

export interface SpeechRegion {
  /** From the start of the take. */
  startMs: number;
  endMs: number;
}

/** The gate's parameters, each with the reason for its value. */
export const SPEECH_GATE = {
  /** The sample rate the gate expects: takes are recorded at 16 kHz, whisper's rate. */
  sampleRate: 16_000,
  /** Analysis frame. 20 ms is short enough to place a word onset within a frame and long enough for a stable RMS. */
  frameMs: 20,
  /** High-pass corner. Speech energy lies above ~100 Hz; below it is DC offset, desk thumps and mains hum. */
  highPassHz: 100,
  /**
   * The floor before anything has been heard: a quiet room with a laptop microphone at a sane gain. Starting
   * low would call a noisier room speech until the floor has climbed; starting high would miss a first word
   * spoken at once. A quieter room pulls the floor down on the first frame.
   */
  initialFloorDbfs: -50,
  /**
   * How fast the floor climbs when no frame is quieter. Slow, so that a long phrase does not lift the floor
   * into the voice (one quiet frame between words is enough to reset it); fast enough to follow a fan that
   * starts within seconds (a 10 dB rise in noise is absorbed in ~10 s). A stationary loud sound, such as a
   * continuous tone, is therefore treated as noise after a while: that is intended.
   */
  floorRiseDbPerSecond: 1,
  /**
   * Frames quieter than this are digital silence (a muted or still-starting input, dropouts): they say
   * nothing about the room, so they do not pull the floor down (else the room noise that follows would be
   * taken for speech). 16-bit dither is about -96 dBFS; real rooms are far above -80 dBFS.
   */
  digitalSilenceDbfs: -80,
  /**
   * A frame is loud when this much above the floor. The floor sits at the bottom of the noise's frame-to-frame
   * spread (about ±3 dB for a room, see jfk.wav), so 10 dB leaves some 5 dB above the noisiest noise frames
   * while voiced speech is typically 20-35 dB above the floor.
   */
  speechMarginDb: 10,
  /**
   * A frame quieter than this is never loud, whatever the floor: pure digital silence and low hiss (-60 dBFS)
   * stay silence. Speech at a usable recording level is well above it (RMS -35 to -10 dBFS).
   */
  absoluteMinDbfs: -55,
  /**
   * Speech is held this long after the last loud frame: loud frames at most this far apart belong to one
   * region, which ends this long after its last loud frame. It bridges the dips inside and between words
   * (stop closures, soft consonants: 50-200 ms) so that a phrase is one region, and it keeps word ends that
   * sink into the noise: decaying vowels, and the release of a final stop that comes 100-250 ms after the
   * vowel ("-ct", "-ts"; seen in the espeak takes once noise is added), without which whisper hears another word.
   */
  hangoverMs: 240,
  /**
   * Added before each region's first loud frame: onsets (f, s, h, th) are quieter than the margin yet are
   * part of the word. The end needs no padding of its own: the hangover, longer, covers it.
   */
  paddingMs: 150,
  /**
   * Fewer loud frames than this in a region make it a click (keyboard, mouse, a tap on the desk) and it is
   * dropped. The shortest words ("a", "I", "no") have at least ~100 ms of voicing.
   */
  minSpeechMs: 100,
} as const;

const FRAME_MS = SPEECH_GATE.frameMs;
const HANGOVER_FRAMES = Math.floor(SPEECH_GATE.hangoverMs / FRAME_MS);
const MIN_SPEECH_FRAMES = Math.ceil(SPEECH_GATE.minSpeechMs / FRAME_MS);

/**
 * How far behind the end of the audio pushed so far the gate's answer may still change (1210 ms). Later
 * frames can (a) extend a region still within its hangover: only past the end already reported, which is
 * itself past the last analysed frame; (b) confirm a region that does not yet have minSpeechMs of loud
 * frames (until then it is not reported), whose first loud frame can be up to (minSpeechFrames - 1) *
 * (hangoverFrames + 1) frames back when its loud frames are sparse, and which starts paddingMs before that;
 * (c) start a new region, paddingMs before the next frame. A partial frame not yet analysed adds one frame.
 * Regions only ever grow or appear: what was reported as speech stays speech.
 */
export const SPEECH_GATE_LOOKAHEAD_MS = SPEECH_GATE.paddingMs + FRAME_MS + (MIN_SPEECH_FRAMES - 1) * (HANGOVER_FRAMES + 1) * FRAME_MS;

interface Run {
  firstFrame: number;
  lastFrame: number;
  loudFrames: number;
}

export class SpeechGate {
  private readonly frameSamples: number;
  private readonly hpCoefficient: number;
  private readonly floorRisePerFrame = (SPEECH_GATE.floorRiseDbPerSecond * FRAME_MS) / 1000;
  private previousInput = 0;
  private previousOutput = 0;
  private frameSum = 0;
  private frameFill = 0;
  private frames = 0;
  private samples = 0;
  private floorDb: number = SPEECH_GATE.initialFloorDbfs;
  /** Each analysed frame's level (after the high-pass), for quietestMs. */
  private levels = new Float32Array(1024);
  /** Runs that are over and long enough: frame indices. */
  private readonly closed: Run[] = [];
  private open: Run | null = null;

  constructor(private readonly sampleRate: number = SPEECH_GATE.sampleRate) {
    // Times are counted in whole frames: a frame must be a whole number of samples.
    this.frameSamples = (sampleRate * FRAME_MS) / 1000;
    if (!Number.isInteger(this.frameSamples) || this.frameSamples < 2)
      throw new Error(`unusable sample rate for the speech gate: ${sampleRate}`);
    const rc = 1 / (2 * Math.PI * SPEECH_GATE.highPassHz);
    this.hpCoefficient = rc / (rc + 1 / sampleRate);
  }

  /** Audio pushed so far, in ms. */
  get processedMs(): number {
    return (this.samples / this.sampleRate) * 1000;
  }

  /** Before this time, regions() is final: nothing pushed later can change it. */
  get settledMs(): number {
    return Math.max(0, this.processedMs - SPEECH_GATE_LOOKAHEAD_MS);
  }

  /** The current noise floor estimate, in dBFS. */
  get noiseFloorDbfs(): number {
    return this.floorDb;
  }

  push(samples: Float32Array): void {
    const a = this.hpCoefficient;
    for (let i = 0; i < samples.length; i++) {
      const x = samples[i] as number;
      const y = a * (this.previousOutput + x - this.previousInput);
      this.previousInput = x;
      this.previousOutput = y;
      this.frameSum += y * y;
      if (++this.frameFill === this.frameSamples) {
        this.analyse(this.frameSum / this.frameSamples);
        this.frameSum = 0;
        this.frameFill = 0;
      }
    }
    this.samples += samples.length;
  }

  /** Speech so far, merged and sorted, clipped to the audio pushed; a region still open ends a hangover after its last loud frame. */
  regions(): SpeechRegion[] {
    const runs = this.open && this.open.loudFrames >= MIN_SPEECH_FRAMES ? [...this.closed, this.open] : this.closed;
    const end = this.processedMs;
    const out: SpeechRegion[] = [];
    for (const run of runs) {
      const startMs = Math.max(0, run.firstFrame * FRAME_MS - SPEECH_GATE.paddingMs);
      const endMs = Math.min(end, (run.lastFrame + 1) * FRAME_MS + SPEECH_GATE.hangoverMs);
      const last = out.at(-1);
      if (last && startMs <= last.endMs) last.endMs = Math.max(last.endMs, endMs);
      else out.push({ startMs, endMs });
    }
    return out;
  }

  /**
   * The middle of the quietest whole frame within [fromMs, toMs] (the latest one on a tie), or undefined
   * when no analysed frame lies there. A place to cut when there is no pause: the least likely to split a word.
   */
  quietestMs(fromMs: number, toMs: number): number | undefined {
    const first = Math.max(0, Math.ceil(fromMs / FRAME_MS));
    const last = Math.min(this.frames, Math.floor(toMs / FRAME_MS)) - 1;
    let best: number | undefined;
    let bestLevel = Number.POSITIVE_INFINITY;
    for (let k = first; k <= last; k++) {
      const level = this.levels[k] as number;
      if (level <= bestLevel) {
        bestLevel = level;
        best = k;
      }
    }
    return best === undefined ? undefined : best * FRAME_MS + FRAME_MS / 2;
  }

  private analyse(meanSquare: number): void {
    const db = 10 * Math.log10(meanSquare + 1e-12);
    const k = this.frames++;
    if (k === this.levels.length) {
      const bigger = new Float32Array(this.levels.length * 2);
      bigger.set(this.levels);
      this.levels = bigger;
    }
    this.levels[k] = db;

    const loud = db > Math.max(this.floorDb + SPEECH_GATE.speechMarginDb, SPEECH_GATE.absoluteMinDbfs);
    if (db >= SPEECH_GATE.digitalSilenceDbfs) {
      this.floorDb = db < this.floorDb ? db : Math.min(this.floorDb + this.floorRisePerFrame, db);
    }

    const open = this.open;
    if (loud) {
      if (open && k - open.lastFrame - 1 <= HANGOVER_FRAMES) {
        open.lastFrame = k;
        open.loudFrames++;
      } else {
        this.close();
        this.open = { firstFrame: k, lastFrame: k, loudFrames: 1 };
      }
    } else if (open && k - open.lastFrame > HANGOVER_FRAMES) {
      this.close();
    }
  }

  private close(): void {
    if (this.open && this.open.loudFrames >= MIN_SPEECH_FRAMES) this.closed.push(this.open);
    this.open = null;
  }
}

/** The speech regions of a whole signal: the same as pushing it into a SpeechGate in any pieces. */
export function detectSpeech(samples: Float32Array, sampleRate: number = SPEECH_GATE.sampleRate): SpeechRegion[] {
  const gate = new SpeechGate(sampleRate);
  gate.push(samples);
  return gate.regions();
}

/** How many ms of [fromMs, toMs] the regions cover (regions as returned by the gate: sorted, not overlapping). */
export function speechMsIn(regions: readonly SpeechRegion[], fromMs: number, toMs: number): number {
  let total = 0;
  for (const region of regions) total += Math.max(0, Math.min(toMs, region.endMs) - Math.max(fromMs, region.startMs));
  return total;
}
