// Builds the hesitation test set: real speech (jfk.wav) and espeak-ng speech with fillers ("uh", "um", "er",
// "hmm") and drawn-out words inserted at known times, written as FLAC beside this script with manifest.json
// (every inserted item's times and kind, and a hand-made word-timed transcript per take).
//
//   node electron/services/hesitations/__fixtures__/test-set/make-test-set.mjs [path/to/jfk.wav]
//
// Needs espeak-ng and sox. Deterministic: every choice is in the tables below (no randomness but one
// seeded noise generator), so running it again on the same espeak-ng and sox rewrites the same files.
// The committed FLAC files are what the tests read; this script is how they were made.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../../../../..');
const JFK = path.resolve(process.argv[2] ?? path.join(REPO, '../shared/audio/jfk.wav'));
const RATE = 16_000;
const WORK = mkdtempSync(path.join(os.tmpdir(), 'rehearse-hesitation-set-'));

// Who says the fillers: espeak-ng voices with a variant, and a base pitch (-p, 0-99). "dev" voices were
// used while tuning the detector; "held-out" voices were not looked at until the numbers were reported.
const VOICES = [
  { id: 'us-m', voice: 'en-us', pitch: 40, split: 'dev' },
  { id: 'gb-f5', voice: 'en-gb+f5', pitch: 55, split: 'dev' },
  { id: 'us-m3', voice: 'en-us+m3', pitch: 30, split: 'dev' },
  { id: 'us-klatt', voice: 'en-us+klatt', pitch: 60, split: 'dev' },
  { id: 'scot-m1', voice: 'en-gb-scotland+m1', pitch: 45, split: 'held-out' },
  { id: 'us-f2', voice: 'en-us+f2', pitch: 50, split: 'held-out' },
  { id: 'rp-m6', voice: 'en-gb-x-rp+m6', pitch: 35, split: 'held-out' },
  { id: 'car-f1', voice: 'en-029+f1', pitch: 65, split: 'held-out' },
];

// How each filler is spoken: espeak's SSML rate (x-slow holds the vowel ~0.4-0.55 s, medium ~0.2 s) and
// pitch range (x-low: nearly flat, as filled pauses usually are; low: a gentle fall).
const STYLES = [
  { rate: 'slow', range: 'x-low' },
  { rate: 'x-slow', range: 'low' },
  { rate: 'medium', range: 'x-low' },
  { rate: 'x-slow', range: 'x-low' },
  { rate: 'slow', range: 'low' },
];
const FILLERS = ['uh', 'um', 'er', 'hmm'];

// jfk.wav: "And so my fellow Americans, ask not what your country can do for you, ask what you can do
// for your country." Word times by hand from the energy contour (20 ms frames), good to ~50 ms.
const JFK_WORDS = [
  ['And', 320, 560],
  ['so', 680, 980],
  ['my', 1000, 1250],
  ['fellow', 1360, 1720],
  ['Americans,', 1720, 2160],
  ['ask', 3280, 3640],
  ['not', 4020, 4300],
  ['what', 5400, 5540],
  ['your', 5660, 5860],
  ['country', 5960, 6440],
  ['can', 6480, 6640],
  ['do', 6700, 6920],
  ['for', 7000, 7120],
  ['you,', 7160, 7560],
  ['ask', 8180, 8480],
  ['what', 8620, 8760],
  ['you', 8900, 9200],
  ['can', 9240, 9420],
  ['do', 9440, 9700],
  ['for', 9720, 9840],
  ['your', 9860, 10000],
  ['country.', 10080, 10980],
];
// Where fillers go in jfk.wav: the middle of its three pauses, and four gaps between words inside a phrase
// (each the quietest 20 ms within the range, found below).
const JFK_PAUSES = [
  [2300, 3200],
  [4350, 5350],
  [7600, 8150],
];
const JFK_GAPS = [
  [5860, 5960],
  [6420, 6500],
  [8480, 8620],
  [9620, 9720],
];
// jfk.wav's own room noise (inside its first pause), laid under every inserted sound so that it does not
// stand out as digital silence.
const JFK_NOISE = [2350, 3150];

// Sentences for the espeak hosts, in chunks: a filler or a drawn-out word goes between chunks.
// {w: 'so'} is a drawn-out word: that word spoken slowly and stretched.
const ESPEAK_SCRIPTS = [
  [
    'In my last role I led the migration of our billing system',
    { filler: 0 },
    'to a new platform, and the hardest part was',
    { drawn: 'the' },
    'data we could not lose.',
    { filler: 1 },
    'We ran both systems side by side for three weeks,',
    { drawn: 'so' },
    'every invoice was checked twice',
    { filler: 2 },
    'before we switched over.',
  ],
  [
    'The team disagreed about the deadline,',
    { filler: 3 },
    'and I thought we should cut scope rather than quality.',
    { drawn: 'and' },
    'I wrote down the three options',
    { filler: 4 },
    'with their costs and risks,',
    { drawn: 'well' },
    'the product manager picked the second one',
    { filler: 5 },
    'and we shipped a week late.',
  ],
];

const TAKES = [
  { id: 'jfk-fluent', host: 'jfk', inserts: [] },
  ...VOICES.map((v, i) => ({
    id: `jfk-${v.id}`,
    host: 'jfk',
    fillerVoice: v,
    // two pauses and one gap per take, rotating through the places, words and styles
    inserts: [
      { at: { pause: i % 3 }, filler: FILLERS[i % 4], style: STYLES[i % 5], transcribed: i % 3 === 1 },
      { at: { gap: i % 4 }, filler: FILLERS[(i + 1) % 4], style: STYLES[(i + 2) % 5], transcribed: false },
      { at: { pause: (i + 1) % 3 }, filler: FILLERS[(i + 2) % 4], style: STYLES[(i + 3) % 5], transcribed: i % 4 === 2 },
    ],
  })),
  ...[0, 1, 4, 5].map((voiceIndex, i) => ({
    id: `espeak-${VOICES[voiceIndex].id}`,
    host: 'espeak',
    fillerVoice: VOICES[voiceIndex],
    script: ESPEAK_SCRIPTS[i % 2],
    speed: [150, 175, 160, 185][i],
    fillers: Array.from({ length: 6 }, (_, k) => ({
      filler: FILLERS[(k + i) % 4],
      style: STYLES[(k + 2 * i) % 5],
      transcribed: k % 3 === 2,
    })),
  })),
];

function run(command, args, input) {
  const result = spawnSync(command, args, { input, maxBuffer: 256 << 20 });
  if (result.error || result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr.toString()}`);
  return result.stdout;
}

/** 16 kHz mono float samples of any audio file sox reads, plus optional sox effects. */
function load(file, effects = []) {
  const raw = run('sox', ['-D', file, '-t', 'raw', '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-', ...effects]);
  const ints = new Int16Array(raw.buffer, raw.byteOffset, raw.byteLength / 2);
  return Float32Array.from(ints, (v) => v / 32768);
}

function speak(text, voice, { pitch, speed = 160, rate = 'medium', range = 'medium', tempo = 1 }) {
  const wav = path.join(WORK, 'speech.wav');
  const ssml = `<speak><prosody rate="${rate}" range="${range}">${text}</prosody></speak>`;
  run('espeak-ng', ['-m', '-v', voice, '-p', String(pitch), '-s', String(speed), '-w', wav, ssml]);
  return trim(load(wav, tempo === 1 ? [] : ['tempo', '-s', String(tempo)]));
}

const ms = (samples) => (samples / RATE) * 1000;
const at = (msValue) => Math.round((msValue / 1000) * RATE);

function rms(samples) {
  let sum = 0;
  for (const v of samples) sum += v * v;
  return Math.sqrt(sum / Math.max(1, samples.length));
}

/** Cuts leading and trailing stretches quieter than -45 dBFS (in 5 ms frames). */
function trim(samples) {
  const frame = at(5);
  const loud = (k) => rms(samples.subarray(k * frame, (k + 1) * frame)) > 10 ** (-45 / 20);
  const frames = Math.floor(samples.length / frame);
  let first = 0;
  while (first < frames && !loud(first)) first++;
  let last = frames - 1;
  while (last > first && !loud(last)) last--;
  return samples.slice(first * frame, (last + 1) * frame);
}

function gain(samples, targetRms) {
  const factor = targetRms / rms(samples);
  return samples.map((v) => v * factor);
}

/** The middle of the quietest 20 ms frame in [fromMs, toMs] of `samples`. */
function quietest(samples, fromMs, toMs) {
  let best = fromMs;
  let bestLevel = Infinity;
  for (let t = fromMs; t + 20 <= toMs; t += 10) {
    const level = rms(samples.subarray(at(t), at(t + 20)));
    if (level < bestLevel) {
      bestLevel = level;
      best = t + 10;
    }
  }
  return best;
}

/** Seeded white noise (mulberry32), for the espeak hosts' room. */
function noise(length, level, seed) {
  let state = seed;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5) * 2 * Math.sqrt(3) * level;
  }
  return out;
}

function concat(parts) {
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

function fillerClip(insert, voice) {
  return speak(insert.filler, voice.voice, { pitch: voice.pitch, rate: insert.style.rate, range: insert.style.range });
}

const round = (v) => Math.round(v);

function buildJfkTake(take, jfk, speechRms) {
  const bed = jfk.subarray(at(JFK_NOISE[0]), at(JFK_NOISE[1]));
  const points = take.inserts
    .map((insert) => {
      const range = 'pause' in insert.at ? JFK_PAUSES[insert.at.pause] : JFK_GAPS[insert.at.gap];
      return { insert, cutMs: quietest(jfk, range[0], range[1]), pause: 'pause' in insert.at };
    })
    .sort((a, b) => a.cutMs - b.cutMs);
  const parts = [];
  const items = [];
  const shifts = []; // [cutMs, addedMs]
  let from = 0;
  let length = 0;
  for (const { insert, cutMs, pause } of points) {
    const head = jfk.subarray(at(from), at(cutMs));
    parts.push(head);
    length += head.length;
    // fillers are spoken a little quieter than the speech around them (-4 dB); in a pause a little space
    // is left either side, inside a phrase none
    const clip = gain(fillerClip(insert, take.fillerVoice), speechRms * 10 ** (-4 / 20));
    const pad = pause ? at(120) : at(30);
    const inserted = new Float32Array(pad + clip.length + pad);
    inserted.set(clip, pad);
    for (let i = 0; i < inserted.length; i++) inserted[i] += bed[i % bed.length];
    items.push(item(insert, take.fillerVoice, ms(length + pad), ms(length + pad + clip.length)));
    parts.push(inserted);
    length += inserted.length;
    shifts.push([cutMs, ms(inserted.length)]);
    from = cutMs;
  }
  parts.push(jfk.subarray(at(from)));
  const samples = concat(parts);
  const shift = (t) => t + shifts.filter(([cut]) => cut <= t).reduce((sum, [, added]) => sum + added, 0);
  // a word moves with its start; a cut just inside a word's hand-labelled end ends the word there
  const words = JFK_WORDS.map(([text, start, end]) => {
    const cutInside = shifts.find(([cut]) => cut > start && cut < end);
    const length = (cutInside ? cutInside[0] : end) - start;
    return { text: ` ${text}`, startMs: round(shift(start)), endMs: round(shift(start) + length) };
  });
  return { samples, items, words, fluentMs: ms(jfk.length) };
}

function item(insert, voice, startMs, endMs) {
  return {
    kind: insert.filler,
    startMs: round(startMs),
    endMs: round(endMs),
    voice: voice.voice,
    voiceId: voice.id,
    pitch: voice.pitch,
    rate: insert.style.rate,
    range: insert.style.range,
    transcribed: insert.transcribed,
  };
}

function buildEspeakTake(take, index) {
  const { voice, pitch } = take.fillerVoice;
  const parts = [];
  const items = [];
  const words = [];
  let length = 0;
  let inserted = 0;
  const pauseAfter = (chunkText) => at(/[,.]$/.test(chunkText) ? 220 : 90);
  let speechRms = 0.1;
  for (const piece of take.script) {
    if (typeof piece === 'string') {
      const chunk = speak(piece, voice, { pitch, speed: take.speed });
      speechRms = rms(chunk);
      // word times: the chunk's span shared out by letters (espeak gives no word timing)
      const texts = piece.split(' ');
      const letters = texts.reduce((sum, w) => sum + w.length + 1, 0);
      let t = ms(length);
      for (const text of texts) {
        const d = (ms(chunk.length) * (text.length + 1)) / letters;
        words.push({ text: ` ${text}`, startMs: round(t), endMs: round(t + d) });
        t += d;
      }
      parts.push(chunk, new Float32Array(pauseAfter(piece)));
      length += chunk.length + pauseAfter(piece);
    } else if ('filler' in piece) {
      const insert = take.fillers[piece.filler];
      const clip = gain(fillerClip(insert, take.fillerVoice), speechRms * 10 ** (-4 / 20));
      items.push(item(insert, take.fillerVoice, ms(length), ms(length + clip.length)));
      parts.push(clip, new Float32Array(at(150)));
      length += clip.length + at(150);
      inserted += clip.length + at(150);
    } else {
      // a drawn-out word: spoken slowly, then stretched to about twice its length (pitch kept)
      const clip = gain(speak(piece.drawn, voice, { pitch, speed: 140, rate: 'x-slow', range: 'x-low', tempo: 0.75 }), speechRms);
      items.push({
        kind: 'drawn-out',
        word: piece.drawn,
        startMs: round(ms(length)),
        endMs: round(ms(length + clip.length)),
        voice,
        voiceId: take.fillerVoice.id,
        pitch,
      });
      words.push({ text: ` ${piece.drawn}`, startMs: round(ms(length)), endMs: round(ms(length + clip.length)) });
      parts.push(clip, new Float32Array(at(90)));
      length += clip.length + at(90);
      inserted += clip.length + at(90);
    }
  }
  const samples = concat([new Float32Array(at(400)), ...parts, new Float32Array(at(400))]);
  const lead = 400;
  for (const x of [...items, ...words]) {
    x.startMs += lead;
    x.endMs += lead;
  }
  const room = noise(samples.length, 10 ** (-70 / 20), 1000 + index);
  for (let i = 0; i < samples.length; i++) samples[i] += room[i];
  return { samples, items, words, fluentMs: ms(samples.length - inserted) };
}

function writeFlac(file, samples) {
  const pcm = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768))), i * 2);
  run('sox', ['-t', 'raw', '-r', String(RATE), '-c', '1', '-b', '16', '-e', 'signed-integer', '-', '-C', '8', file], pcm);
}

function transcriptOf(words, items) {
  const all = [...words];
  for (const x of items) {
    if (x.kind !== 'drawn-out' && x.transcribed) all.push({ text: ` ${x.kind},`, startMs: x.startMs, endMs: x.endMs });
  }
  all.sort((a, b) => a.startMs - b.startMs);
  return {
    segments: [
      {
        startMs: all[0]?.startMs ?? 0,
        endMs: all.at(-1)?.endMs ?? 0,
        text: all.map((w) => w.text).join(''),
        words: all,
      },
    ],
  };
}

function main() {
  readFileSync(JFK); // fail early and clearly when jfk.wav is not there
  const jfk = load(JFK);
  // jfk's speech level: the RMS of its loudest half of 20 ms frames
  const frames = [];
  for (let k = 0; k + at(20) <= jfk.length; k += at(20)) frames.push(rms(jfk.subarray(k, k + at(20))));
  frames.sort((a, b) => b - a);
  const speechRms = Math.sqrt(frames.slice(0, frames.length / 2).reduce((sum, v) => sum + v * v, 0) / (frames.length / 2));

  const manifest = {
    about:
      'Hesitation test set: fillers and drawn-out words inserted at known times into jfk.wav (real speech) and espeak-ng speech. Made by make-test-set.mjs; see README.md.',
    sampleRate: RATE,
    takes: [],
  };
  TAKES.forEach((take, index) => {
    const built = take.host === 'jfk' ? buildJfkTake(take, jfk, speechRms) : buildEspeakTake(take, index);
    const file = `${take.id}.flac`;
    writeFlac(path.join(HERE, file), built.samples);
    manifest.takes.push({
      id: take.id,
      file,
      host: take.host,
      split: take.fillerVoice?.split ?? 'held-out',
      durationMs: round(ms(built.samples.length)),
      fluentMs: round(built.fluentMs),
      items: built.items,
      transcript: transcriptOf(built.words, built.items),
    });
    process.stderr.write(`${file}: ${(built.samples.length / RATE).toFixed(1)} s, ${built.items.length} items\n`);
  });
  writeFileSync(path.join(HERE, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

try {
  main();
} finally {
  rmSync(WORK, { recursive: true, force: true });
}
