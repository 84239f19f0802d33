// `npm run soak:crash [-- --rounds N] [--seconds S]`: crash soak for "never lose a take". Not part of npm test.
//
// Each round starts the browser host (out/main/host.js: run `npm run build` first) on one data folder,
// records a take over the same WebSocket contract the renderer uses, fed real speech (jfk.wav, wrapped in
// the WebM PCM that MediaRecorder sends, in 250 ms chunks at real-time pace), and kills the host with
// SIGKILL at a random moment of a randomly chosen kill point. Then it starts the host again and checks
// every take of every round so far: listed, a WAV that decodes (header sizes match the file), and for
// the round's take, at most the last 2 s of the audio that was sent lost. Prints a table at the end.
// --seconds S stops starting rounds after S seconds; --seed N repeats a run's random choices.
//
// Kill points are entries of KILL_POINTS: `arm(ctx)` does the work up to the moment and resolves when
// it is time to kill. Add "during audio compression" (after a take, once the Opus step runs) and "during
// a restore" (send backup.restore, kill while it runs) there when those features land.
import { spawn } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decode, encode } from '@msgpack/msgpack';
import WebSocket from 'ws';

const ROOT = path.resolve(import.meta.dirname, '..');
const HOST = path.join(ROOT, 'out', 'main', 'host.js');
const SPEECH = path.resolve(ROOT, '..', 'shared', 'audio', 'jfk.wav');
const RATE = 16_000;
const CHUNK_MS = 250;
const MAX_LOSS_MS = 2_000;

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '20' }, seconds: { type: 'string', default: '0' }, seed: { type: 'string' } },
});
const ROUNDS = Number(values.rounds);
const DEADLINE = Number(values.seconds) > 0 ? Date.now() + Number(values.seconds) * 1000 : Infinity;
let seed = Number(values.seed ?? Date.now() % 2 ** 31);
const firstSeed = seed;
/** A small seeded generator, so a failing run can be repeated with --seed. */
function random() {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}

// --- real speech as MediaRecorder's WebM (PCM) -------------------------------------------------------

function readWavSamples(file) {
  const buf = readFileSync(file);
  let at = 12;
  let fmt = null;
  while (at + 8 <= buf.length) {
    const id = buf.toString('ascii', at, at + 4);
    const size = buf.readUInt32LE(at + 4);
    if (id === 'fmt ') fmt = { channels: buf.readUInt16LE(at + 10), rate: buf.readUInt32LE(at + 12), bits: buf.readUInt16LE(at + 22) };
    if (id === 'data') {
      if (!fmt || fmt.channels !== 1 || fmt.rate !== RATE || fmt.bits !== 16) throw new Error(`${file} must be 16 kHz mono 16-bit`);
      return new Int16Array(buf.buffer.slice(buf.byteOffset + at + 8, buf.byteOffset + at + 8 + size));
    }
    at += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

const vint = (n, length) => {
  const out = Buffer.alloc(length);
  out.writeUIntBE(n, 0, length);
  out[0] |= 0x80 >> (length - 1);
  return out;
};
const sizeOf = (n) => (n < 0x7f ? vint(n, 1) : n < 0x3fff ? vint(n, 2) : n < 0x1fffff ? vint(n, 3) : vint(n, 4));
const idBytes = (id) => Buffer.from(id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'), 'hex');
const element = (id, ...children) => {
  const body = Buffer.concat(children);
  return Buffer.concat([idBytes(id), sizeOf(body.length), body]);
};
const uint = (id, n) => element(id, Buffer.from([n >> 8, n & 0xff]));
const UNKNOWN = Buffer.from('01ffffffffffffff', 'hex');

/** The stream head (EBML header, Segment and Cluster of unknown size, one 16 kHz s16 mono track). */
function webmHead() {
  const ebml = element(0x1a45dfa3, element(0x4282, Buffer.from('webm')));
  const audio = element(
    0xe1,
    element(
      0xb5,
      (() => {
        const b = Buffer.alloc(8);
        b.writeDoubleBE(RATE);
        return b;
      })(),
    ),
    uint(0x9f, 1),
    uint(0x6264, 16),
  );
  const tracks = element(0x1654ae6b, element(0xae, uint(0xd7, 1), element(0x86, Buffer.from('A_PCM/INT/LIT')), uint(0x83, 2), audio));
  const info = element(0x1549a966, element(0x2ad7b1, Buffer.from([0x0f, 0x42, 0x40])));
  return Buffer.concat([ebml, idBytes(0x18538067), UNKNOWN, info, tracks]);
}

/** One cluster with one SimpleBlock of `samples` at `timestampMs`. */
function webmBlock(samples, timestampMs) {
  const header = Buffer.from([0x81, 0, 0, 0x80]);
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  return Buffer.concat([
    idBytes(0x1f43b675),
    UNKNOWN,
    element(0xe7, Buffer.from([(timestampMs >> 24) & 0xff, (timestampMs >> 16) & 0xff, (timestampMs >> 8) & 0xff, timestampMs & 0xff])),
    element(0xa3, header, data),
  ]);
}

// --- the host and its contract ------------------------------------------------------------------------

async function startHost(dataDir) {
  const child = spawn(process.execPath, [HOST, '--port', '0'], {
    env: { ...process.env, REHEARSE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before it was ready: ${stderr}`)));
  });
  const socket = new WebSocket(`${url.replace('http', 'ws')}/rpc`, { origin: url });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let nextId = 1;
  const waiting = new Map();
  socket.on('message', (data) => {
    const { id, result } = decode(data);
    waiting.get(id)?.(result);
    waiting.delete(id);
  });
  socket.on('close', () => {
    for (const settle of waiting.values()) settle({ ok: false, error: { code: 'closed', message: 'the host went away' } });
    waiting.clear();
  });
  const call = (channel, payload) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      socket.send(encode({ id, channel, payload }));
    });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    call,
    stderr: () => stderr,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
      socket.terminate();
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      socket.terminate();
    },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends the speech (repeated) at real-time pace until `shouldStop()`; returns the ms of audio sent. */
async function streamSpeech(host, takeId, speech, shouldStop, state) {
  const perChunk = (RATE * CHUNK_MS) / 1000;
  const started = Date.now();
  await host.call('recording.chunk', { takeId, seq: state.seq++, bytes: webmHead() }).then(check);
  for (let at = 0; !shouldStop(); at += perChunk) {
    const from = at % speech.length;
    const samples = speech.slice(from, Math.min(from + perChunk, speech.length));
    const result = await host.call('recording.chunk', {
      takeId,
      seq: state.seq++,
      bytes: webmBlock(samples, Math.round((at / RATE) * 1000)),
    });
    if (!result.ok) return state.sentMs; // the host was killed under us
    state.sentMs += (samples.length / RATE) * 1000;
    const due = started + state.sentMs - Date.now();
    if (due > 0) await sleep(due);
  }
  return state.sentMs;
}

function check(result) {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

// --- kill points ---------------------------------------------------------------------------------------

/** Each resolves when it is time to kill; `ctx.expect` says what the round's take must hold afterwards. */
const KILL_POINTS = [
  {
    name: 'during a take',
    async arm(ctx) {
      const { takeId } = check(await ctx.host.call('recording.start', { questionId: 'soak' }));
      ctx.takeId = takeId;
      const killAfterMs = 1_000 + random() * 14_000;
      const state = { seq: 0, sentMs: 0 };
      ctx.state = state;
      await streamSpeech(ctx.host, takeId, ctx.speech, () => state.sentMs >= killAfterMs, state);
      // One more chunk, killed while main is still writing it (it counts as sent: strict on loss).
      const samples = ctx.speech.slice(0, (RATE * CHUNK_MS) / 1000);
      void ctx.host.call('recording.chunk', { takeId, seq: state.seq++, bytes: webmBlock(samples, Math.round(state.sentMs)) });
      state.sentMs += CHUNK_MS;
      await sleep(random() * 20);
    },
  },
  {
    name: 'during transcription',
    async arm(ctx) {
      const { takeId } = check(await ctx.host.call('recording.start', { questionId: 'soak' }));
      ctx.takeId = takeId;
      const state = { seq: 0, sentMs: 0 };
      ctx.state = state;
      const lengthMs = 3_000 + random() * 9_000;
      await streamSpeech(ctx.host, takeId, ctx.speech, () => state.sentMs >= lengthMs, state);
      check(await ctx.host.call('recording.stop', { takeId }));
      // Kill a random moment into the transcription of the tail (or at once when it is quick).
      const killAt = Date.now() + random() * 4_000;
      while (Date.now() < killAt) {
        const transcription = await ctx.host.call('transcription.get', { takeId });
        if (!transcription.ok || ['done', 'failed', 'cancelled'].includes(transcription.value.status)) break;
        await sleep(50);
      }
    },
  },
  // { name: 'during audio compression', async arm(ctx) { … record, stop, wait until the Opus step runs … } },
  // { name: 'during a restore', async arm(ctx) { … ctx.host.call('backup.restore', { data }) without awaiting, wait … } },
];

// --- checks --------------------------------------------------------------------------------------------

async function wavDurationMs(file) {
  const buf = await fs.readFile(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV');
  if (buf.readUInt32LE(4) !== buf.length - 8) throw new Error(`RIFF size ${buf.readUInt32LE(4)} but the file is ${buf.length} bytes`);
  if (buf.readUInt32LE(40) !== buf.length - 44) throw new Error(`data size ${buf.readUInt32LE(40)} but the file holds ${buf.length - 44}`);
  if (buf.readUInt32LE(24) !== RATE || buf.readUInt16LE(22) !== 1 || buf.readUInt16LE(34) !== 16) throw new Error('not 16 kHz mono 16-bit');
  return ((buf.length - 44) / 2 / RATE) * 1000;
}

async function main() {
  await fs.access(HOST).catch(() => {
    throw new Error(`${HOST} is missing: run \`npm run build\` first`);
  });
  const speech = readWavSamples(SPEECH);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-soak-'));
  // A speech model, so the host really transcribes (the test model: full cost, no trained weights).
  const model = path.resolve(ROOT, '..', 'shared', 'models', 'for-tests-ggml-base.en.bin');
  await fs.mkdir(path.join(dataDir, 'models'));
  await fs.copyFile(process.env.REHEARSE_SOAK_MODEL ?? model, path.join(dataDir, 'models', 'ggml-base.en.bin')).catch(() => {
    console.error('soak: no speech model to copy; transcription kill points then kill right after Stop');
  });
  /** Every take the rounds made: id -> ms of audio sent (what the take must hold, less 2 s). */
  const takes = new Map();
  const losses = [];
  const lost = [];
  const byPoint = new Map(KILL_POINTS.map((point) => [point.name, 0]));
  let rounds = 0;
  console.error(`soak: data in ${dataDir}, seed ${firstSeed}`);
  try {
    for (; rounds < ROUNDS && Date.now() < DEADLINE; rounds++) {
      const point = KILL_POINTS[Math.floor(random() * KILL_POINTS.length)];
      byPoint.set(point.name, byPoint.get(point.name) + 1);
      const ctx = { host: await startHost(dataDir), speech, takeId: null, state: null };
      try {
        await point.arm(ctx);
      } catch (error) {
        // Keep what is needed to understand it: the host's own words and the folder as it is.
        const names = await fs.readdir(path.join(dataDir, 'recordings')).catch((e) => [`(unreadable: ${e.message})`]);
        console.error(
          `round ${rounds + 1} (${point.name}) failed: ${error.message}\nhost stderr: ${ctx.host.stderr()}\nrecordings: ${names.filter((n) => n.startsWith(ctx.takeId ?? '-')).join(', ')}`,
        );
        throw error;
      }
      await ctx.host.kill();
      if (ctx.takeId) takes.set(ctx.takeId, ctx.state.sentMs);

      const host = await startHost(dataDir);
      const listed = new Map(check(await host.call('recordings.list', {})).map((take) => [take.takeId, take]));
      for (const [takeId, sentMs] of takes) {
        const take = listed.get(takeId);
        let durationMs = null;
        try {
          if (!take) throw new Error('not listed');
          durationMs = await wavDurationMs(path.join(dataDir, 'recordings', take.fileName));
        } catch (error) {
          if (!lost.some((entry) => entry.takeId === takeId)) lost.push({ takeId, round: rounds + 1, why: error.message });
          continue;
        }
        if (takeId === ctx.takeId) {
          const lossMs = Math.max(0, sentMs - durationMs);
          losses.push(lossMs);
          if (lossMs > MAX_LOSS_MS)
            lost.push({ takeId, round: rounds + 1, why: `lost ${Math.round(lossMs)} ms of ${Math.round(sentMs)} ms` });
          console.error(
            `round ${rounds + 1} (${point.name}): ${takeId} sent ${Math.round(sentMs)} ms, kept ${Math.round(durationMs)} ms (${take.status})`,
          );
        }
      }
      await host.stop();
    }
  } finally {
    const sorted = [...losses].sort((a, b) => a - b);
    const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
    const rows = [
      ['rounds', String(rounds)],
      ...[...byPoint].map(([name, n]) => [`  killed ${name}`, String(n)]),
      ['takes', String(takes.size)],
      ['lost takes', String(lost.length)],
      ['loss per take, max (ms)', String(Math.round(sorted.at(-1) ?? 0))],
      ['loss per take, median (ms)', String(Math.round(median))],
      ['seed', String(firstSeed)],
    ];
    const width = Math.max(...rows.map(([name]) => name.length));
    console.log(rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n'));
    for (const entry of lost) console.log(`LOST ${entry.takeId} (round ${entry.round}): ${entry.why}`);
    await fs.rm(dataDir, { recursive: true, force: true });
    if (lost.length > 0) process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(`soak: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
