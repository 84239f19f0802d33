import { beforeAll, describe, expect, it } from 'vitest';
import { seeded } from '../audio/test-support';
import { ChunkPlanner, speechOnlyWindows, type Chunk, type ChunkPlannerOptions } from './chunk-planner';
import { detectSpeech, SPEECH_GATE_LOOKAHEAD_MS, SpeechGate, speechMsIn, type SpeechRegion } from './speech-gate';
import { speak } from './speech-test-support';

const RATE = 16_000;
const samplesOf = (ms: number) => Math.round((ms * RATE) / 1000);
const msOf = (samples: number) => (samples / RATE) * 1000;

/** Gaussian white noise at an RMS level in dBFS, repeatable. */
function noise(length: number, dbfs: number, seed: number): Float32Array {
  const random = seeded(seed);
  const rms = 10 ** (dbfs / 20);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = rms * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return out;
}

/** RMS level in dBFS of signal[fromMs, toMs). */
function levelDbfs(signal: Float32Array, fromMs: number, toMs: number): number {
  const from = Math.max(0, samplesOf(fromMs));
  const to = Math.min(signal.length, samplesOf(toMs));
  let sum = 0;
  for (let i = from; i < to; i++) sum += (signal[i] as number) ** 2;
  return 10 * Math.log10(sum / Math.max(1, to - from) + 1e-12);
}

interface Take {
  /** Clean speech and silences, without the room noise: where the words really are. */
  clean: Float32Array;
  /** What the microphone gives: the same plus noise. */
  signal: Float32Array;
  /** Where the deliberate long silence is. */
  silence: SpeechRegion;
}

/** A ~2 minute spoken answer: sentences with 0.2-1.5 s pauses, a 4 s silence in the middle, -55 dBFS noise. */
function buildAnswer(): Take {
  const sentences = [
    'In my last role I was the lead engineer on the billing platform for a mid sized software company.',
    'The system had grown for eight years without much care, and every release was a risk.',
    'Customers were double charged about once a month, and each incident took days to untangle.',
    'I proposed that we stop adding features for one quarter and fix the foundations first.',
    'My manager was worried about the sales team, so I wrote a short plan with clear milestones.',
    'The first step was to measure how often things went wrong, and where.',
    'We added tracing to every payment, which showed that most failures came from retries.',
    'Two services were both retrying the same request, so a single timeout became two charges.',
    'We made every payment request carry a key, so that a repeat could be recognised and ignored.',
    'That change alone removed nearly all of the double charges within a month.',
    'The second step was the release process, which depended on one person who knew every script.',
    'We automated the deployment, wrote down the runbook, and had each engineer do a release.',
    'After that, shipping went from once a month to every week, with fewer problems.',
    'Looking back, the hardest part was not technical at all.',
    'It was convincing people that slowing down for a while would let us go faster later.',
    'I learned to bring numbers to those conversations instead of opinions.',
    'When I showed the cost of each incident in support hours, the discussion changed quickly.',
    'By the end of the quarter, incidents were down by eighty percent.',
    'The sales team got their features a few weeks later than planned, but they trusted the dates.',
    'If I did it again, I would involve the support team earlier, because they knew the pain best.',
    'That is the project I am most proud of, and it shaped how I plan work today.',
  ];
  const random = seeded(42);
  const parts: Float32Array[] = [new Float32Array(samplesOf(1_000))];
  let silence: SpeechRegion | null = null;
  sentences.forEach((text, i) => {
    if (i > 0) {
      if (i === Math.floor(sentences.length / 2)) {
        const at = msOf(parts.reduce((sum, part) => sum + part.length, 0));
        silence = { startMs: at, endMs: at + 4_000 };
        parts.push(new Float32Array(samplesOf(4_000)));
      } else {
        parts.push(new Float32Array(samplesOf(200 + Math.round(random() * 1_300))));
      }
    }
    parts.push(speak(text));
  });
  parts.push(new Float32Array(samplesOf(1_000)));
  const clean = new Float32Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    clean.set(part, at);
    at += part.length;
  }
  const signal = noise(clean.length, -55, 7);
  for (let i = 0; i < clean.length; i++) signal[i] = (signal[i] as number) + (clean[i] as number);
  if (!silence) throw new Error('no silence placed');
  return { clean, signal, silence };
}

interface Emitted {
  chunk: Chunk;
  /** The audio the recorder had written when the chunk was returned. */
  atMs: number;
  byFinish: boolean;
}

/** Feeds a signal as the recorder does (stepMs at a time) to a gate and a planner; returns every chunk. */
function record(
  signal: Float32Array,
  stepMs = 250,
  options: ChunkPlannerOptions = {},
): { emitted: Emitted[]; regions: SpeechRegion[]; totalMs: number } {
  const gate = new SpeechGate();
  const planner = new ChunkPlanner({ quietestMs: (from, to) => gate.quietestMs(from, to), ...options });
  const emitted: Emitted[] = [];
  const step = samplesOf(stepMs);
  for (let at = 0; at < signal.length; at += step) {
    gate.push(signal.subarray(at, at + step));
    for (const chunk of planner.update(gate.processedMs, gate.regions())) emitted.push({ chunk, atMs: gate.processedMs, byFinish: false });
  }
  for (const chunk of planner.finish(gate.processedMs, gate.regions())) emitted.push({ chunk, atMs: gate.processedMs, byFinish: true });
  return { emitted, regions: gate.regions(), totalMs: gate.processedMs };
}

/** The properties every plan must have. */
function expectSoundPlan(
  emitted: readonly Emitted[],
  totalMs: number,
  regions: readonly SpeechRegion[],
  lookaheadMs = SPEECH_GATE_LOOKAHEAD_MS,
  maxMs = 30_000,
): void {
  const chunks = emitted.map((e) => e.chunk);
  expect(chunks.length).toBeGreaterThan(0);
  expect(chunks[0]?.startMs).toBe(0);
  expect(chunks.at(-1)?.endMs).toBe(totalMs);
  chunks.forEach((chunk, i) => {
    const where = `chunk ${i} [${chunk.startMs}, ${chunk.endMs}] (${chunk.cut})`;
    if (i > 0) expect(chunk.startMs, `${where} starts where the last ended`).toBe(chunks[i - 1]?.endMs);
    expect(chunk.endMs, where).toBeGreaterThan(chunk.startMs);
    expect(chunk.endMs - chunk.startMs, where).toBeLessThanOrEqual(maxMs);
    // The speech it carries is inside it, and is the take's speech there.
    for (const region of chunk.speech) {
      expect(region.startMs, where).toBeGreaterThanOrEqual(chunk.startMs);
      expect(region.endMs, where).toBeLessThanOrEqual(chunk.endMs);
    }
    expect(chunk.silent, where).toBe(chunk.speech.length === 0);
    expect(speechMsIn(chunk.speech, chunk.startMs, chunk.endMs), where).toBeCloseTo(speechMsIn(regions, chunk.startMs, chunk.endMs), 6);
  });
  for (const { chunk, atMs, byFinish } of emitted) {
    // Never cut into audio whose speech decisions could still change.
    if (!byFinish) expect(chunk.endMs, `chunk ending at ${chunk.endMs} returned at ${atMs}`).toBeLessThanOrEqual(atMs - lookaheadMs);
    // Every cut but a hard one is outside speech.
    if (chunk.cut !== 'hard' && chunk.cut !== 'end') {
      const inside = regions.find((r) => r.startMs < chunk.endMs && chunk.endMs < r.endMs);
      expect(inside, `cut at ${chunk.endMs} (${chunk.cut})`).toBeUndefined();
    }
  }
}

const describeChunks = (emitted: readonly Emitted[]) =>
  emitted
    .map(
      ({ chunk, atMs, byFinish }) =>
        `[${(chunk.startMs / 1000).toFixed(2)}, ${(chunk.endMs / 1000).toFixed(2)}] ${chunk.cut}${chunk.silent ? ' silent' : ''}` +
        ` speech ${(speechMsIn(chunk.speech, chunk.startMs, chunk.endMs) / 1000).toFixed(2)} s` +
        (byFinish ? ' (finish)' : ` (at ${(atMs / 1000).toFixed(2)})`),
    )
    .join('\n');

describe('ChunkPlanner on a 2 minute spoken answer, fed as it is recorded', () => {
  let take: Take;
  let run: ReturnType<typeof record>;
  beforeAll(() => {
    take = buildAnswer();
    run = record(take.signal);
    console.log(`answer: ${(run.totalMs / 1000).toFixed(2)} s, ${run.regions.length} speech regions\n${describeChunks(run.emitted)}`);
  });

  it('is a long answer with pauses', () => {
    expect(run.totalMs).toBeGreaterThan(100_000);
    expect(run.totalMs).toBeLessThan(140_000);
    expect(run.regions.length).toBeGreaterThan(10);
  });

  it('tiles the take with chunks of at most 30 s, each cut outside speech, none before its audio was settled', () => {
    expectSoundPlan(run.emitted, run.totalMs, run.regions);
    expect(run.emitted.filter((e) => e.chunk.cut === 'hard')).toEqual([]);
  });

  it('cuts only where the clean recording is silent: no word is split', () => {
    for (const { chunk } of run.emitted.slice(0, -1)) {
      expect(levelDbfs(take.clean, chunk.endMs - 25, chunk.endMs + 25), `cut at ${chunk.endMs}`).toBeLessThan(-60);
    }
  });

  it('makes chunks close to 30 s, so the engine is called few times', () => {
    const speechChunks = run.emitted.filter((e) => !e.chunk.silent && !e.byFinish).map((e) => e.chunk);
    expect(speechChunks.length).toBeGreaterThanOrEqual(3);
    // Only the chunk cut short by the long silence may be much shorter than 30 s.
    expect(speechChunks.filter((c) => c.endMs - c.startMs < 20_000).length).toBeLessThanOrEqual(1);
  });

  it('leaves only a short tail after Stop', () => {
    const tail = run.emitted.filter((e) => e.byFinish).map((e) => e.chunk);
    const tailMs = tail.reduce((sum, c) => sum + c.endMs - c.startMs, 0);
    console.log(`tail after Stop: ${(tailMs / 1000).toFixed(2)} s in ${tail.length} chunk(s)`);
    expect(tail.length).toBeGreaterThan(0);
    expect(tailMs).toBeLessThan(30_000);
    // The recorder's last updates already settled everything up to the lookahead before Stop.
    const beforeStop = run.emitted.filter((e) => !e.byFinish).at(-1)?.chunk.endMs ?? 0;
    expect(beforeStop).toBeGreaterThan(run.totalMs - 30_000 - SPEECH_GATE_LOOKAHEAD_MS);
  });

  it('makes the 4 s silence a silent chunk of its own', () => {
    const silent = run.emitted.map((e) => e.chunk).filter((c) => c.silent);
    expect(silent.length).toBeGreaterThanOrEqual(1);
    const middle = silent.find((c) => c.startMs >= take.silence.startMs - 500 && c.endMs <= take.silence.endMs + 500);
    expect(middle, JSON.stringify(silent)).toBeDefined();
    expect((middle as Chunk).endMs - (middle as Chunk).startMs).toBeGreaterThan(3_000);
    expect(middle?.speech).toEqual([]);
    expect(speechOnlyWindows(middle as Chunk)).toEqual([]);
  });

  it('plans the same whatever the recorder step', () => {
    for (const stepMs of [100, 1_000]) {
      const other = record(take.signal, stepMs);
      expectSoundPlan(other.emitted, other.totalMs, other.regions);
      expect(other.regions).toEqual(run.regions);
      expect(other.emitted.map((e) => [e.chunk.startMs, e.chunk.endMs, e.chunk.cut])).toEqual(
        run.emitted.map((e) => [e.chunk.startMs, e.chunk.endMs, e.chunk.cut]),
      );
    }
  });

  it('with a shorter target, cuts nearer to it and decides earlier', () => {
    const short = record(take.signal, 250, { targetMs: 15_000 });
    expectSoundPlan(short.emitted, short.totalMs, short.regions);
    console.log(`targetMs 15000:\n${describeChunks(short.emitted)}`);
    const pauseChunks = short.emitted.filter((e) => e.chunk.cut === 'pause');
    expect(pauseChunks.length).toBeGreaterThanOrEqual(4);
    for (const { chunk, atMs } of pauseChunks) {
      expect(Math.abs(chunk.endMs - chunk.startMs - 15_000)).toBeLessThan(5_000);
      expect(atMs).toBeLessThan(chunk.startMs + 30_000);
    }
  });
});

describe('ChunkPlanner without pauses', () => {
  it('cuts 70 s of continuous speech hard at 30 s', () => {
    const planner = new ChunkPlanner();
    const emitted: Emitted[] = [];
    for (let total = 250; total <= 70_000; total += 250) {
      const regions = [{ startMs: 0, endMs: total }];
      for (const chunk of planner.update(total, regions)) emitted.push({ chunk, atMs: total, byFinish: false });
    }
    for (const chunk of planner.finish(70_000, [{ startMs: 0, endMs: 70_000 }])) emitted.push({ chunk, atMs: 70_000, byFinish: true });
    expect(emitted.map((e) => [e.chunk.startMs, e.chunk.endMs, e.chunk.cut])).toEqual([
      [0, 30_000, 'hard'],
      [30_000, 60_000, 'hard'],
      [60_000, 70_000, 'end'],
    ]);
    expectSoundPlan(emitted, 70_000, [{ startMs: 0, endMs: 70_000 }]);
  });

  it('cuts hard at the quietest frame it is told of, within the last 2 s', () => {
    const asked: [number, number][] = [];
    const planner = new ChunkPlanner({
      quietestMs: (from, to) => {
        asked.push([from, to]);
        return from + 700.6;
      },
    });
    const chunks = planner.finish(70_000, [{ startMs: 0, endMs: 70_000 }]);
    expect(asked[0]).toEqual([28_000, 30_000]);
    expect(chunks.map((c) => [c.startMs, c.endMs])).toEqual([
      [0, 28_700],
      [28_700, 57_400],
      [57_400, 70_000],
    ]);
  });

  it('ignores a quietest frame outside the search range', () => {
    const planner = new ChunkPlanner({ quietestMs: () => 45_000 });
    expect(planner.finish(40_000, [{ startMs: 0, endMs: 40_000 }]).map((c) => c.endMs)).toEqual([30_000, 40_000]);
  });

  it('cuts 70 s of espeak speech run together at most 30 s apart, in the quietest frame', () => {
    const text =
      'the project was late and the team was tired and the customer was unhappy and nobody knew who should decide what to do next ' +
      'so I gathered everyone in one room and we wrote every open problem on the wall and ranked them by how much they hurt ';
    const words: Float32Array[] = [];
    let length = 0;
    while (length < samplesOf(70_000)) {
      // espeak ends every utterance with ~0.3 s of silence: trim it so the speech runs on with no pause.
      const spoken = speak(text);
      let end = spoken.length;
      while (end > 0 && Math.abs(spoken[end - 1] as number) < 0.003) end--;
      words.push(spoken.subarray(0, end + samplesOf(50)));
      length += end + samplesOf(50);
    }
    const clean = new Float32Array(samplesOf(70_000));
    let at = 0;
    for (const part of words) {
      clean.set(part.subarray(0, Math.max(0, clean.length - at)), at);
      at += part.length;
    }
    const signal = noise(clean.length, -55, 9);
    for (let i = 0; i < clean.length; i++) signal[i] = (signal[i] as number) + (clean[i] as number);

    const run = record(signal);
    console.log(`70 s without pauses: ${JSON.stringify(run.regions)}\n${describeChunks(run.emitted)}`);
    expectSoundPlan(run.emitted, run.totalMs, run.regions);
    const hard = run.emitted.filter((e) => e.chunk.cut === 'hard').map((e) => e.chunk);
    expect(hard.length).toBeGreaterThanOrEqual(2);
    for (const chunk of hard) {
      expect(chunk.endMs - chunk.startMs).toBeGreaterThanOrEqual(28_000);
      // The quietest frame of the last 2 s is between words, far below the speech around it.
      expect(levelDbfs(clean, chunk.endMs - 10, chunk.endMs + 10)).toBeLessThan(levelDbfs(clean, chunk.endMs - 2_000, chunk.endMs) - 20);
    }
  });
});

describe('ChunkPlanner on silence', () => {
  it('returns a silent take as silent chunks of at most 30 s', () => {
    const run = record(noise(samplesOf(70_000), -60, 3));
    expect(run.regions).toEqual([]);
    expect(run.emitted.map((e) => [e.chunk.startMs, e.chunk.endMs, e.chunk.silent, e.byFinish])).toEqual([
      [0, 30_000, true, false],
      [30_000, 60_000, true, false],
      [60_000, 70_000, true, true],
    ]);
  });

  it('splits off silence before the first word and after the last', () => {
    const planner = new ChunkPlanner();
    const regions = [{ startMs: 5_000, endMs: 12_000 }];
    // Silence so far, not yet known to end: nothing.
    expect(planner.update(5_000, regions)).toEqual([]);
    // The first word is settled: the silence before it is a chunk.
    expect(planner.update(11_000, regions)).toEqual([{ startMs: 0, endMs: 4_850, speech: [], silent: true, cut: 'silence' }]);
    // The speech ends as soon as the silence after it is known to be long (3 s past 12000, plus the lookahead).
    expect(planner.update(15_000 + SPEECH_GATE_LOOKAHEAD_MS - 1, regions)).toEqual([]);
    expect(planner.update(15_000 + SPEECH_GATE_LOOKAHEAD_MS, regions)).toEqual([
      { startMs: 4_850, endMs: 12_150, speech: [{ startMs: 5_000, endMs: 12_000 }], silent: false, cut: 'silence' },
    ]);
    expect(planner.finish(20_000, regions)).toEqual([{ startMs: 12_150, endMs: 20_000, speech: [], silent: true, cut: 'end' }]);
  });

  it('ends a chunk as soon as a long silence is known, well before 30 s', () => {
    const planner = new ChunkPlanner({ lookaheadMs: 0 });
    const regions = [
      { startMs: 0, endMs: 4_000 },
      { startMs: 4_500, endMs: 9_000 },
    ];
    expect(planner.update(11_000, regions)).toEqual([]);
    expect(planner.update(12_000, regions).map((c) => [c.startMs, c.endMs, c.cut])).toEqual([[0, 9_150, 'silence']]);
    expect(planner.plannedMs).toBe(9_150);
  });

  it('does not cut in the pause a chunk starts in, nor in a pause shorter than minPauseMs', () => {
    const planner = new ChunkPlanner({ maxMs: 10_000, targetMs: 10_000, lookaheadMs: 0 });
    const regions = [
      { startMs: 1_000, endMs: 5_000 },
      { startMs: 5_200, endMs: 25_000 },
    ];
    // [0, 1000) is the pause the take starts in; 5000-5200 is too short: a hard cut.
    expect(planner.update(10_000, regions).map((c) => [c.startMs, c.endMs, c.cut])).toEqual([[0, 10_000, 'hard']]);
  });
});

describe('ChunkPlanner decisions', () => {
  it('picks the pause cut closest to the target, in the middle of a short pause', () => {
    const planner = new ChunkPlanner({ lookaheadMs: 0 });
    const regions = [
      { startMs: 0, endMs: 20_000 },
      { startMs: 20_400, endMs: 28_000 },
      { startMs: 28_300, endMs: 31_000 },
      { startMs: 31_500, endMs: 40_000 },
    ];
    expect(planner.update(29_999, regions)).toEqual([]);
    const [chunk] = planner.update(30_000, regions);
    expect(chunk).toMatchObject({ startMs: 0, endMs: 28_150, cut: 'pause', silent: false });
    expect(chunk?.speech).toEqual([
      { startMs: 0, endMs: 20_000 },
      { startMs: 20_400, endMs: 28_000 },
    ]);
  });

  it('waits for the lookahead before trusting a pause', () => {
    const planner = new ChunkPlanner({ targetMs: 10_000, maxMs: 30_000 });
    const regions = [
      { startMs: 0, endMs: 9_000 },
      { startMs: 10_000, endMs: 20_000 },
    ];
    // The pause is 9000-10000; its cut closest to the target is 10000 - 150 = 9850, 150 ms from the target.
    // A later pause could only give a cut more than 150 ms past the known audio: the cut is final once the
    // known audio (the total less the lookahead), less those 150 ms, is 150 ms past the target.
    expect(planner.update(10_300 + SPEECH_GATE_LOOKAHEAD_MS - 1, regions)).toEqual([]);
    expect(planner.update(10_300 + SPEECH_GATE_LOOKAHEAD_MS, regions).map((c) => c.endMs)).toEqual([9_850]);
  });

  it('refuses impossible options and updates after finish', () => {
    expect(() => new ChunkPlanner({ maxMs: 20_000, targetMs: 25_000 })).toThrow(/targetMs/);
    expect(() => new ChunkPlanner({ minPauseMs: 500, longPauseMs: 400 })).toThrow(/longPauseMs/);
    const planner = new ChunkPlanner();
    planner.finish(1_000, []);
    expect(() => planner.update(2_000, [])).toThrow(/finished/);
  });

  it('keeps the invariants on random takes fed at random times', () => {
    const random = seeded(99);
    for (let take = 0; take < 200; take++) {
      const regions: SpeechRegion[] = [];
      let at = Math.floor(random() * 4_000);
      const totalMs = 5_000 + Math.floor(random() * 150_000);
      while (at < totalMs) {
        const length = 100 + Math.floor(random() * (random() < 0.1 ? 40_000 : 6_000));
        regions.push({ startMs: at, endMs: Math.min(totalMs, at + length) });
        at += length + Math.floor(random() * (random() < 0.2 ? 6_000 : 700)) + 1;
      }
      const lookaheadMs = Math.floor(random() * 1_500);
      const options: ChunkPlannerOptions = { lookaheadMs, targetMs: 10_000 + Math.floor(random() * 20_000) };
      if (random() < 0.5) options.quietestMs = (from, to) => from + random() * (to - from);
      const planner = new ChunkPlanner(options);
      const emitted: Emitted[] = [];
      for (let now = 0; now < totalMs; now += 1 + Math.floor(random() * 3_000)) {
        // What the gate would know at now: regions up to now (a region still going is cut at now).
        const known = regions.filter((r) => r.startMs < now).map((r) => ({ startMs: r.startMs, endMs: Math.min(r.endMs, now) }));
        for (const chunk of planner.update(now, known)) emitted.push({ chunk, atMs: now, byFinish: false });
      }
      for (const chunk of planner.finish(totalMs, regions)) emitted.push({ chunk, atMs: totalMs, byFinish: true });
      expectSoundPlan(emitted, totalMs, regions, lookaheadMs);
    }
  });
});

describe('speechOnlyWindows', () => {
  const chunk: Chunk = {
    startMs: 10_000,
    endMs: 40_000,
    speech: [
      { startMs: 11_000, endMs: 15_000 },
      { startMs: 15_500, endMs: 20_000 },
      { startMs: 26_000, endMs: 30_000 },
    ],
    silent: false,
    cut: 'pause',
  };

  it('trims a chunk to its speech', () => {
    expect(speechOnlyWindows(chunk)).toEqual([{ startMs: 11_000, endMs: 30_000 }]);
  });

  it('splits it where the speech stops for maxGapMs', () => {
    expect(speechOnlyWindows(chunk, 3_000)).toEqual([
      { startMs: 11_000, endMs: 20_000 },
      { startMs: 26_000, endMs: 30_000 },
    ]);
    expect(speechOnlyWindows(chunk, 400)).toEqual(chunk.speech);
  });

  it('gives nothing for a silent chunk', () => {
    expect(speechOnlyWindows({ startMs: 0, endMs: 5_000, speech: [], silent: true, cut: 'silence' })).toEqual([]);
  });
});

describe('the gate and the planner together', () => {
  it('agree with detectSpeech on the whole take', () => {
    const signal = noise(samplesOf(3_000), -55, 11);
    const gate = new SpeechGate();
    gate.push(signal);
    expect(gate.regions()).toEqual(detectSpeech(signal));
  });
});
