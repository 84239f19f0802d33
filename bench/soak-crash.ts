// `npm run soak:crash [-- --rounds N --seed S]`: issue 12's "a hundred crashes". Drives the real browser
// host (`node out/main/host.js`, one data folder for the whole run, a test speech model installed) over
// its WebSocket as the renderer would, and SIGKILLs it at a random moment of one phase a round, in turn:
// while a take is being recorded, while a take is being transcribed, while a take's audio is being
// compressed to Ogg Opus, while a backup is being restored. After each restart every take ever started
// must be listed, served by the media route and decode (WAV or Opus, with the app's own decoders) to at
// least the audio sent for it minus 2 s (a take cut by the kill) or its full length (a finished take).
// Progress goes to stderr; the table to stdout; exit 1 when a take was lost. Not part of `npm test`.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { promises as fs, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { type Channel, type Request, type Response } from '../electron/shared/contract';
import { decodeResponse, encodeFrame } from '../electron/shared/wire';
import { readTakeAudio } from '../electron/services/audio/read-take-audio';
import { takeAudioFiles } from '../electron/services/storage/data-layout';

const ROOT = process.cwd();
const HOST = path.join(ROOT, 'out/main/host.js');
const SPEECH = path.resolve(ROOT, '../shared/audio/jfk.wav');
const MODEL = path.resolve(ROOT, '../shared/models/for-tests-ggml-base.en.bin');
const CAPTURE_RATE = 48_000;
/** The renderer's MediaRecorder timeslice. */
const CHUNK_MS = 250;
/** Chromium writes 10 ms SimpleBlocks. */
const BLOCK_FRAMES = CAPTURE_RATE / 100;
/** The bound on what a crash may cost a take being recorded. */
const MAX_LOSS_MS = 2000;
/** A finished take decodes to its length within this (resampler edges, Opus granules). */
const FINISHED_TOLERANCE_MS = 40;

type Phase = 'recording' | 'transcription' | 'compression' | 'restore';
const PHASES: Phase[] = ['recording', 'transcription', 'compression', 'restore'];

const log = (message: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------------
// What the renderer sends: MediaRecorder's 'audio/webm;codecs=pcm', live (Segment and Clusters of
// unknown size), mono f32 at 48 kHz, a Cluster per 250 ms chunk holding 10 ms SimpleBlocks.

function vintSize(size: number): Uint8Array {
  const out = new Uint8Array(8);
  out[0] = 0x01;
  let value = size;
  for (let i = 7; i >= 1; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  return out;
}
const UNKNOWN_SIZE = new Uint8Array([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);

function element(id: number[], ...children: Uint8Array[]): Buffer {
  const body = Buffer.concat(children);
  return Buffer.concat([Uint8Array.from(id), vintSize(body.length), body]);
}
const uint = (id: number[], value: number) =>
  element(id, Uint8Array.from([value >> 24, (value >> 16) & 255, (value >> 8) & 255, value & 255]));

function webmHeader(): Buffer {
  const ebml = element(
    [0x1a, 0x45, 0xdf, 0xa3],
    uint([0x42, 0x86], 1),
    uint([0x42, 0xf7], 1),
    uint([0x42, 0xf2], 4),
    uint([0x42, 0xf3], 8),
    element([0x42, 0x82], Buffer.from('webm')),
    uint([0x42, 0x87], 4),
    uint([0x42, 0x85], 2),
  );
  const rate = Buffer.alloc(8);
  rate.writeDoubleBE(CAPTURE_RATE);
  const info = element([0x15, 0x49, 0xa9, 0x66], uint([0x2a, 0xd7, 0xb1], 1_000_000));
  const tracks = element(
    [0x16, 0x54, 0xae, 0x6b],
    element(
      [0xae],
      uint([0xd7], 1),
      uint([0x73, 0xc5], 1),
      uint([0x83], 2),
      element([0x86], Buffer.from('A_PCM/FLOAT/IEEE')),
      element([0xe1], element([0xb5], rate), uint([0x9f], 1), uint([0x62, 0x64], 32)),
    ),
  );
  return Buffer.concat([ebml, Uint8Array.from([0x18, 0x53, 0x80, 0x67]), UNKNOWN_SIZE, info, tracks]);
}

/** One chunk: a Cluster at `startFrame` holding `samples` in 10 ms blocks. */
function webmCluster(samples: Float32Array, startFrame: number): Buffer {
  const clusterMs = Math.round((startFrame / CAPTURE_RATE) * 1000);
  const parts: Uint8Array[] = [Uint8Array.from([0x1f, 0x43, 0xb6, 0x75]), UNKNOWN_SIZE, uint([0xe7], clusterMs)];
  for (let at = 0; at < samples.length; at += BLOCK_FRAMES) {
    const block = samples.subarray(at, at + BLOCK_FRAMES);
    const payload = Buffer.alloc(4 + block.length * 4);
    payload[0] = 0x81;
    payload.writeInt16BE(Math.round(((startFrame + at) / CAPTURE_RATE) * 1000) - clusterMs, 1);
    payload[3] = 0x80;
    for (let i = 0; i < block.length; i++) payload.writeFloatLE(block[i] as number, 4 + i * 4);
    parts.push(element([0xa3], payload));
  }
  return Buffer.concat(parts);
}

/** jfk.wav at 48 kHz f32, as the fake microphone would capture it (sox does the resampling). */
function loadSpeech(): Float32Array {
  const raw = execFileSync(
    'sox',
    [SPEECH, '-r', String(CAPTURE_RATE), '-c', '1', '-e', 'floating-point', '-b', '32', '-L', '-t', 'raw', '-'],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

// ---------------------------------------------------------------------------------------------------
// The host process and a contract client over its WebSocket.

class Host {
  child: ChildProcess | null = null;
  url = '';
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    (response: { ok: boolean; value?: unknown; error?: { code: string; message: string } }) => void
  >();
  stderr = '';

  constructor(private readonly dataDir: string) {}

  get alive(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, [HOST, '--port', '0'], {
      env: { ...process.env, REHEARSE_DATA_DIR: this.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (data: Buffer) => (this.stderr += data.toString()));
    this.url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (data: Buffer) => {
        stdout += data.toString();
        const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`host exited (${code}) before it was ready: ${this.stderr}`)));
    });
    const origin = this.url.replace(/\/$/, '');
    const socket = new WebSocket(`${origin.replace('http', 'ws')}/rpc`, { origin });
    socket.binaryType = 'nodebuffer';
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('message', (data: Buffer) => {
      const { id, result } = decodeResponse(new Uint8Array(data));
      if (id === null) return;
      this.pending.get(id)?.(result as never);
      this.pending.delete(id);
    });
    socket.on('close', () => {
      for (const settle of this.pending.values()) settle({ ok: false, error: { code: 'closed', message: 'host went away' } });
      this.pending.clear();
    });
    socket.on('error', () => undefined);
    this.socket = socket;
  }

  /** Sends a request; resolves with its result, or rejects with its error (or when the host dies). */
  call<C extends Channel>(channel: C, payload: Request<C>): Promise<Response<C>> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) return Promise.reject(new Error(`${channel}: not connected`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (result) =>
        result.ok ? resolve(result.value as Response<C>) : reject(new Error(`${channel}: ${result.error?.code}: ${result.error?.message}`)),
      );
      socket.send(encodeFrame({ id, channel, payload }));
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.socket?.terminate();
    this.socket = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    this.socket?.close();
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }

  /** GET of the first KiB of a take's audio from the media route, as the player asks for it. */
  async mediaPlays(fileName: string): Promise<boolean> {
    const response = await fetch(new URL(`media/${fileName}`, this.url), { headers: { range: 'bytes=0-1023' } });
    const body = new Uint8Array(await response.arrayBuffer());
    return (response.status === 206 || response.status === 200) && body.length > 0;
  }
}

// ---------------------------------------------------------------------------------------------------
// The run.

interface Take {
  takeId: string;
  round: number;
  /** Audio handed to the socket for it, in ms. */
  sentMs: number;
  /** True when it was stopped and its stop answered: it must be whole. */
  finished: boolean;
  /** True when every chunk was answered before the kill (a kill at Stop): it must be whole too. */
  whole: boolean;
  /** Deleted (a restore round): not expected until the restore that brings it back. */
  deleted: boolean;
  /** The largest loss seen at any check: sentMs - decoded length. */
  lossMs: number;
  lost: string | null;
  /** The file as last decoded (path, size, mtime): decoded again only when it changed. */
  checked: string | null;
  decodedMs: number;
}

interface Stats {
  kills: Record<Phase, number>;
  /** Kills whose phase was seen under way at the moment of the kill. */
  hit: Record<Phase, number>;
  missed: string[];
  rounds: number;
  /** Engine processes still running after their host was killed. */
  orphans: number;
  /** Kills by the step of their phase under way (compression: encoding/verifying; restore: checking/restoring). */
  steps: Map<string, number>;
  /** Files of a take the list did not account for, seen after a restart. */
  strays: string[];
  /** Files in transcripts/work after a restart (the engine's audio of a cut transcription). */
  workLeft: number;
  /** What a killed restore left of the take it was bringing back, before it was run again. */
  restoreOutcome: { restored: number; absent: number; filesOnly: string[] };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '100' },
      seed: { type: 'string', default: String(Date.now() % 1_000_000) },
      keep: { type: 'boolean' },
    },
  });
  const rounds = Number(values.rounds);
  const seed = Number(values.seed);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be a positive integer');
  if (!existsSync(HOST)) throw new Error(`${HOST} is missing: run electron-vite build first`);
  const random = seeded(seed);
  const between = (min: number, max: number) => min + random() * (max - min);

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-soak-'));
  const recordings = path.join(dataDir, 'recordings');
  const exportsDir = path.join(dataDir, 'exports');
  await fs.mkdir(path.join(dataDir, 'models'));
  await fs.copyFile(MODEL, path.join(dataDir, 'models', 'ggml-base.en.bin'));
  log(`soak: ${rounds} rounds, seed ${seed}, data in ${dataDir}`);

  const speech = loadSpeech();
  const takes = new Map<string, Take>();
  const stats: Stats = {
    kills: { recording: 0, transcription: 0, compression: 0, restore: 0 },
    hit: { recording: 0, transcription: 0, compression: 0, restore: 0 },
    missed: [],
    rounds: 0,
    orphans: 0,
    steps: new Map(),
    strays: [],
    restoreOutcome: { restored: 0, absent: 0, filesOnly: [] },
    workLeft: 0,
  };
  const host = new Host(dataDir);
  await host.start();

  /**
   * Records `ms` of speech at real time and stops. `killAfterMs`: stops sending that far in (the caller
   * kills; the chunks sent count); Infinity sends it all and Stop, without waiting for Stop's answer.
   */
  async function record(round: number, ms: number, killAfterMs?: number): Promise<Take> {
    const { takeId } = await host.call('recording.start', { questionId: `q-soak-${round % 7}` });
    const take: Take = {
      takeId,
      round,
      sentMs: 0,
      finished: false,
      whole: false,
      deleted: false,
      lossMs: 0,
      lost: null,
      checked: null,
      decodedMs: 0,
    };
    takes.set(takeId, take);
    const offset = Math.floor(random() * speech.length);
    const frames = Math.round((ms / 1000) * CAPTURE_RATE);
    const chunkFrames = (CAPTURE_RATE * CHUNK_MS) / 1000;
    const started = Date.now();
    const acks: Promise<unknown>[] = [];
    for (let seq = 0, at = 0; at < frames; seq++, at += chunkFrames) {
      const wanted = started + seq * CHUNK_MS;
      if (wanted > Date.now()) await sleep(wanted - Date.now());
      if (killAfterMs !== undefined && Date.now() - started >= killAfterMs) break;
      const piece = new Float32Array(Math.min(chunkFrames, frames - at));
      for (let i = 0; i < piece.length; i++) piece[i] = speech[(offset + at + i) % speech.length] as number;
      const cluster = webmCluster(piece, at);
      const bytes = new Uint8Array(seq === 0 ? Buffer.concat([webmHeader(), cluster]) : cluster);
      acks.push(host.call('recording.chunk', { takeId, seq, bytes }).catch(() => undefined));
      take.sentMs += (piece.length / CAPTURE_RATE) * 1000;
    }
    if (killAfterMs !== undefined && killAfterMs !== Number.POSITIVE_INFINITY) return take;
    await Promise.all(acks);
    if (killAfterMs === Number.POSITIVE_INFINITY) {
      // Every chunk was answered: all of it was written, so all of it must survive a kill at Stop.
      take.whole = true;
      host.call('recording.stop', { takeId }).catch(() => undefined);
      return take;
    }
    await host.call('recording.stop', { takeId });
    take.finished = true;
    return take;
  }

  async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 5): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      if (await check()) return true;
      await sleep(everyMs);
    }
    log(`  (gave up waiting for ${what})`);
    return false;
  }

  const names = async () => new Set(await fs.readdir(recordings).catch(() => [] as string[]));
  /** 'encoding' while a `.opus.partial` is there, 'verifying' while a take has both its `.opus` and its `.wav`. */
  const compressionStep = async (takeId?: string): Promise<string | null> => {
    const here = await names();
    for (const name of here) {
      const id = /^(take-[0-9a-z]+)\./.exec(name)?.[1];
      if (!id || (takeId && id !== takeId)) continue;
      if (name.endsWith('.opus.partial')) return 'encoding';
      if (name.endsWith('.opus') && here.has(`${id}.wav`)) return 'verifying';
    }
    return null;
  };
  const compressing = async (takeId?: string) => (await compressionStep(takeId)) !== null;

  /** True when the host has a child process (the speech engine). */
  async function engineRunning(): Promise<boolean> {
    const pid = host.child?.pid;
    if (pid === undefined) return false;
    const children = await fs.readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
    return children.trim().length > 0;
  }

  /** Processes the killed host left running (the speech engine it spawned): counted, then ended by pid. */
  async function orphans(): Promise<number> {
    let found = 0;
    for (const pid of await fs.readdir('/proc').catch(() => [] as string[])) {
      if (!/^\d+$/.test(pid)) continue;
      const cmdline = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      if (!cmdline.includes(dataDir)) continue;
      found++;
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // it ended on its own
      }
    }
    return found;
  }

  async function kill(phase: Phase, underWay: () => Promise<boolean>, step?: () => Promise<string | null>): Promise<void> {
    const at = await step?.();
    if (at) stats.steps.set(`${phase}: ${at}`, (stats.steps.get(`${phase}: ${at}`) ?? 0) + 1);
    const hit = await underWay();
    await host.kill();
    const left = await orphans();
    if (left > 0) {
      stats.orphans += left;
      log(`  ${left} process(es) of the killed host still ran (ended now)`);
    }
    stats.kills[phase]++;
    if (hit) stats.hit[phase]++;
    else stats.missed.push(`round ${stats.rounds + 1}: ${phase} was over before the kill`);
    log(`  killed during ${phase}${hit ? '' : ' (missed: it had finished)'}`);
  }

  async function recordsFor(ids: string[]): Promise<Buffer> {
    const attempts = ids.map((id) => ({
      id,
      questionId: 'q-soak',
      startedAt: 1_700_000_000_000,
      durationMs: 0,
      fileName: `${id}.wav`,
      status: 'complete' as const,
      droppedMs: 0,
    }));
    const records = { format: 'rehearse-records', version: 1, questions: [], attempts, transcripts: [], hesitations: [], loops: [] };
    return Buffer.from(JSON.stringify(records));
  }

  async function roundOf(round: number, phase: Phase): Promise<void> {
    if (phase === 'recording') {
      // Mostly in the middle of a take; one time in four as Stop is being handled (header, sync, rename).
      const ms = between(2000, 6000);
      const atStop = random() < 0.25;
      const take = await record(round, ms, atStop ? Number.POSITIVE_INFINITY : between(300, ms));
      if (atStop) await sleep(between(0, 15));
      await kill(
        'recording',
        async () => true,
        async () =>
          atStop
            ? existsSync(path.join(recordings, `${take.takeId}.wav.partial`))
              ? 'at Stop, before the rename'
              : 'at Stop, after the rename'
            : 'mid-take',
      );
      return;
    }
    if (phase === 'transcription') {
      // Transcribed at Stop (takes shorter than a chunk): the engine runs as a child of the host.
      const take = await record(round, between(3000, 6000));
      const pending = async () => {
        const { status } = await host.call('transcription.get', { takeId: take.takeId });
        return status === 'queued' || status === 'running';
      };
      const started = await waitFor('the engine to start', async () => (await pending()) && (await engineRunning()), 20_000);
      if (started) await sleep(between(0, 1500));
      await kill('transcription', async () => (await pending()) && (await engineRunning()));
      return;
    }
    if (phase === 'compression') {
      const take = await record(round, between(3000, 8000));
      // Half the time while the Opus file is written, half while it is checked before the WAV goes.
      const step = random() < 0.5 ? 'encoding' : 'verifying';
      const saw = await waitFor(`compression (${step})`, async () => (await compressionStep(take.takeId)) === step, 60_000, 1);
      if (saw) await sleep(between(0, step === 'encoding' ? 60 : 5));
      await kill(
        'compression',
        () => compressing(),
        () => compressionStep(),
      );
      return;
    }
    // restore: back up every take there is, delete one finished take, restore, kill part-way.
    const present = [...takes.values()].filter((take) => !take.lost && !take.deleted);
    const finished = present.filter((take) => take.finished);
    if (finished.length === 0) await record(round, 3000).then((take) => finished.push(take));
    const victim = finished[Math.floor(random() * finished.length)] as Take;
    await waitFor('the app to be idle', async () => !(await compressing()), 30_000, 20);
    const backup = await host.call('backup.create', { records: new Uint8Array(await recordsFor(present.map((take) => take.takeId))) });
    if (!backup.saved || !backup.path) throw new Error('backup.create saved nothing');
    await host.call('recordings.delete', { takeIds: [victim.takeId] });
    victim.deleted = true;
    const fileName = path.basename(backup.path);
    host.call('backup.restore', { fileName }).catch(() => undefined);
    const stagingDir = path.join(dataDir, '.restore-staging');
    const at = random();
    const restoring = async () => {
      const job = await host.call('backup.progress', {}).catch(() => null);
      return job !== null && job.kind === 'restore';
    };
    await waitFor(
      'the restore to get far enough',
      async () => {
        const job = await host.call('backup.progress', {});
        if (!job) return true;
        const phaseShare = job.phase === 'checking' ? 0 : 0.5;
        return phaseShare + (job.bytesTotal > 0 ? job.bytesDone / job.bytesTotal : 1) / 2 >= at;
      },
      30_000,
      1,
    );
    await kill(
      'restore',
      async () => (await restoring()) || existsSync(stagingDir),
      async () => (await host.call('backup.progress', {}).catch(() => null))?.phase ?? null,
    );
    pendingRestore = { fileName, victim };
  }

  let pendingRestore: { fileName: string; victim: Take } | null = null;

  /** After a restart: every take listed, served, decoding to what was sent (or all of it, when finished). */
  async function verify(round: number): Promise<void> {
    const listed = new Map((await host.call('recordings.list', {})).map((info) => [info.takeId, info]));
    if (pendingRestore) {
      const { fileName, victim } = pendingRestore;
      pendingRestore = null;
      // The killed restore left either the deleted take whole or nothing of it; run it again to the end.
      const files = [...(await names())].filter((name) => name.startsWith(`${victim.takeId}.`));
      if (listed.has(victim.takeId)) {
        victim.deleted = false;
        stats.restoreOutcome.restored++;
      } else if (files.length > 0) {
        stats.restoreOutcome.filesOnly.push(`round ${round}: ${files.join(', ')}`);
        log(`  note: ${victim.takeId} is not listed but has ${files.join(', ')}`);
      } else stats.restoreOutcome.absent++;
      await waitFor('no job', async () => (await host.call('backup.progress', {})) === null, 10_000, 20);
      const result = await host.call('backup.restore', { fileName });
      if (!result.restored) throw new Error('the second restore restored nothing');
      victim.deleted = false;
      await fs.rm(path.join(exportsDir, fileName), { force: true });
      for (const info of await host.call('recordings.list', {})) listed.set(info.takeId, info);
    }
    for (const take of takes.values()) {
      if (take.lost || take.deleted) continue;
      const info = listed.get(take.takeId);
      const fail = (why: string) => {
        take.lost = `round ${round}: ${why}`;
        log(`  LOST ${take.takeId}: ${why}`);
      };
      if (!info) {
        fail('not listed');
        continue;
      }
      const audio = (await takeAudioFiles(recordings, take.takeId))[0];
      if (!audio) {
        fail(`listed (${info.status}) but it has no audio file`);
        continue;
      }
      const stat = await fs.stat(audio.path);
      const key = `${audio.path}:${stat.size}:${stat.mtimeMs}:${stat.ino}`;
      if (key !== take.checked) {
        try {
          const decoded = await readTakeAudio(audio.path);
          take.decodedMs = (decoded.samples.length / decoded.sampleRate) * 1000;
        } catch (error) {
          fail(`${path.basename(audio.path)} does not decode: ${error instanceof Error ? error.message : String(error)}`);
          continue;
        }
        if (!(await host.mediaPlays(path.basename(audio.path)))) {
          fail(`the media route does not serve ${path.basename(audio.path)}`);
          continue;
        }
        take.checked = key;
      }
      const loss = Math.max(0, take.sentMs - take.decodedMs);
      take.lossMs = Math.max(take.lossMs, loss);
      const allowed = take.finished || take.whole ? FINISHED_TOLERANCE_MS : MAX_LOSS_MS;
      if (loss > allowed)
        fail(`decodes to ${Math.round(take.decodedMs)} ms of ${Math.round(take.sentMs)} ms sent (${Math.round(loss)} ms lost)`);
    }
    // The engine audio of a transcription the kill cut short is cleared at start-up.
    const work = await fs.readdir(path.join(dataDir, 'transcripts', 'work')).catch(() => [] as string[]);
    if (work.length > 0) {
      stats.workLeft += work.length;
      log(`  note: ${work.length} file(s) left in transcripts/work after the restart`);
    }
    // Nothing half-written left behind: no take file the list does not account for.
    for (const name of await names()) {
      const takeId = /^(take-[0-9a-z]+)\./.exec(name)?.[1];
      if (takeId && !listed.has(takeId)) {
        stats.strays.push(`round ${round}: ${name}`);
        log(`  note: ${name} is in recordings/ but ${takeId} is not listed`);
      }
    }
  }

  const began = Date.now();
  try {
    for (let round = 1; round <= rounds; round++) {
      const phase = PHASES[(round - 1) % PHASES.length] as Phase;
      log(`round ${round}/${rounds}: ${phase} (${takes.size} takes so far)`);
      await roundOf(round, phase);
      stats.rounds = round;
      await host.start();
      await verify(round);
    }
  } finally {
    await host.stop().catch(() => undefined);
  }

  const all = [...takes.values()];
  const losses = all
    .filter((take) => !take.lost)
    .map((take) => take.lossMs)
    .sort((a, b) => a - b);
  const cut = all.filter((take) => !take.finished && !take.whole && !take.lost).map((take) => take.lossMs);
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
  };
  const lost = all.filter((take) => take.lost);
  const rows: [string, string][] = [
    ['rounds', String(stats.rounds)],
    ['takes', String(all.length)],
    ['lost takes', String(lost.length)],
    ['loss per take, max (ms)', String(Math.round(losses.at(-1) ?? 0))],
    ['loss per take, median (ms)', String(Math.round(median(losses)))],
    ['takes cut by a kill mid-take', String(cut.length)],
    ['  their loss, max / median (ms)', `${Math.round(Math.max(0, ...cut))} / ${Math.round(median(cut))}`],
    ...PHASES.map((phase): [string, string] => [`kills during ${phase} (seen under way)`, `${stats.kills[phase]} (${stats.hit[phase]})`]),
    ...[...stats.steps].sort().map(([step, count]): [string, string] => [`  ${step}`, String(count)]),
    [
      'killed restores: deleted take back / absent / files only',
      `${stats.restoreOutcome.restored} / ${stats.restoreOutcome.absent} / ${stats.restoreOutcome.filesOnly.length}`,
    ],
    ['files of unlisted takes after a restart', String(stats.strays.length)],
    ['engine audio left in transcripts/work after a restart', String(stats.workLeft)],
    ['processes left running by a killed host', String(stats.orphans)],
    ['seed', String(seed)],
    ['wall time (s)', String(Math.round((Date.now() - began) / 1000))],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(`\n| ${'what'.padEnd(width)} | value |\n| ${'-'.repeat(width)} | ----- |\n`);
  for (const [name, value] of rows) process.stdout.write(`| ${name.padEnd(width)} | ${value} |\n`);
  for (const take of lost) process.stdout.write(`lost: ${take.takeId} (${take.lost})\n`);
  for (const missed of stats.missed) process.stdout.write(`missed: ${missed}\n`);
  for (const stray of stats.strays) process.stdout.write(`stray file: ${stray}\n`);
  for (const files of stats.restoreOutcome.filesOnly) process.stdout.write(`killed restore left only: ${files}\n`);
  if (!values.keep) await fs.rm(dataDir, { recursive: true, force: true });
  else log(`data kept in ${dataDir}`);
  if (lost.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`soak:crash failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(2);
});
