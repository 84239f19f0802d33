// The recording service end to end on a real Chromium MediaRecorder take: WebM (PCM) chunks in,
// a 16 kHz mono WAV out, with the failures a renderer can cause answered as ServiceErrors.
import { existsSync, promises as fsp } from 'node:fs';
import { readlink } from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TakeInfo } from '../../shared/contract';
import { decodeWav, readWavInfo } from '../audio/wav';
import { WebmPcmDemuxer } from '../audio/webm-pcm-demuxer';
import { ServiceError } from '../service-error';
import { RecordingService } from './recording-service';

const FIXTURES = path.join(__dirname, '../audio/__fixtures__');
const CHUNK = 4 * 1024;

let base: string;
let webm: Uint8Array;
/** The fixture's audio length, from its own samples (not from the code under test's output). */
let fixtureMs: number;
let fixtureRms: number;
const services: RecordingService[] = [];

function audioOf(bytes: Uint8Array): { ms: number; rms: number; frames: number } {
  const demuxer = new WebmPcmDemuxer();
  const blocks = demuxer.push(bytes);
  const rate = demuxer.format?.sampleRate ?? NaN;
  let frames = 0;
  let sumSquares = 0;
  for (const block of blocks) {
    frames += block.frames;
    for (let i = 0; i < block.frames; i++) {
      const mono = block.channels.reduce((sum, channel) => sum + (channel[i] as number), 0) / block.channels.length;
      sumSquares += mono * mono;
    }
  }
  return { ms: (frames / rate) * 1000, rms: Math.sqrt(sumSquares / frames), frames };
}

function rmsOf(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}

function chunksOf(bytes: Uint8Array, size = CHUNK): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(bytes.slice(at, at + size));
  return out;
}

async function open(dataDir = base, options: { syncEveryMs?: number; now?: () => number } = {}): Promise<RecordingService> {
  const service = await RecordingService.open(dataDir, options);
  services.push(service);
  return service;
}

/** Calls `fn` and returns the ServiceError it throws or rejects with (sync throws count too). */
async function serviceErrorOf(fn: () => unknown): Promise<ServiceError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError, got success');
}

async function record(
  service: RecordingService,
  questionId: string,
  bytes: Uint8Array = webm,
): Promise<{ takeId: string; info: TakeInfo }> {
  const { takeId } = await service.start(questionId);
  let seq = 0;
  for (const chunk of chunksOf(bytes)) await service.chunk(takeId, seq++, chunk);
  return { takeId, info: await service.stop(takeId) };
}

/** Releases the file handles of takes left open on purpose (a simulated crash). */
async function abandon(service: RecordingService): Promise<void> {
  const active = (service as unknown as { active: Map<string, { writer: { handle: { close(): Promise<void> } } }> }).active;
  for (const take of active.values()) await take.writer.handle.close().catch(() => {});
  active.clear();
}

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-recording-'));
  webm = new Uint8Array(await readFile(path.join(FIXTURES, 'mediarecorder-pcm.webm')));
  const audio = audioOf(webm);
  fixtureMs = audio.ms;
  fixtureRms = audio.rms;
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const service of services.splice(0)) {
    await service.close().catch(() => {});
    await abandon(service);
  }
  await rm(base, { recursive: true, force: true });
});

describe('RecordingService: a whole take', () => {
  it('turns the fixture, fed in 4 KB chunks, into a complete 16 kHz mono take of the same length', async () => {
    expect(fixtureMs).toBeGreaterThan(2_000);
    const service = await open();
    expect(service.recovery.recovered).toEqual([]);
    const started = await service.start('q-whole');
    expect(started.fileName).toBe(`${started.takeId}.wav`);

    let writtenMs = 0;
    const chunks = chunksOf(webm);
    for (const [seq, chunk] of chunks.entries()) {
      const progress = await service.chunk(started.takeId, seq, chunk);
      expect(progress.receivedChunks).toBe(seq + 1);
      expect(progress.writtenMs).toBeGreaterThanOrEqual(writtenMs);
      writtenMs = progress.writtenMs;
    }
    expect(writtenMs).toBeGreaterThan(fixtureMs * 0.9);

    const info = await service.stop(started.takeId);
    expect(info).toMatchObject({
      takeId: started.takeId,
      questionId: 'q-whole',
      status: 'complete',
      fileName: started.fileName,
      startedAt: started.startedAt,
      gaps: [],
    });
    expect(Math.abs(info.durationMs - fixtureMs) / fixtureMs).toBeLessThanOrEqual(0.03);

    const file = await readFile(service.store.wavPath(started.takeId));
    expect(info.bytes).toBe(file.length);
    const wav = readWavInfo(file);
    expect(wav).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      format: 'pcm',
      dataBytes: file.length - 44,
      declaredDataBytes: file.length - 44,
    });
    expect(Math.abs(wav.durationMs - fixtureMs) / fixtureMs).toBeLessThanOrEqual(0.03);
    expect(existsSync(service.store.partialPath(started.takeId))).toBe(false);

    // The audio itself came through: about as loud as the mono mix of the input, not silence or noise.
    const samples = decodeWav(file).channels[0] ?? new Float32Array(0);
    expect(fixtureRms).toBeGreaterThan(0.01);
    expect(rmsOf(samples) / fixtureRms).toBeGreaterThan(0.85);
    expect(rmsOf(samples) / fixtureRms).toBeLessThan(1.15);
  });

  it('gives the same take whatever the chunk size, including chunks sent without waiting', async () => {
    const service = await open();
    const { takeId } = await service.start('q-pipelined');
    const chunks = chunksOf(webm, 1_999);
    const results = await Promise.all(chunks.map((chunk, seq) => service.chunk(takeId, seq, chunk)));
    expect(results.map((r) => r.receivedChunks)).toEqual(chunks.map((_, seq) => seq + 1));
    const pipelined = await service.stop(takeId);

    const { info: sequential } = await record(service, 'q-sequential');
    expect(pipelined.status).toBe('complete');
    expect(pipelined.durationMs).toBe(sequential.durationMs);
    expect(pipelined.bytes).toBe(sequential.bytes);
    const a = await readFile(service.store.wavPath(takeId));
    const b = await readFile(service.store.wavPath(sequential.takeId));
    expect(a.equals(b)).toBe(true);
  });

  it('stop waits for chunks still being written', async () => {
    const service = await open();
    const { takeId } = await service.start('q-stop-early');
    const pending = chunksOf(webm).map((chunk, seq) => service.chunk(takeId, seq, chunk));
    const info = await service.stop(takeId);
    await Promise.all(pending);
    expect(Math.abs(info.durationMs - fixtureMs) / fixtureMs).toBeLessThanOrEqual(0.03);
  });

  it('reports the capture gaps of a take whose timestamps jump', async () => {
    const gapsWebm = new Uint8Array(await readFile(path.join(FIXTURES, 'mediarecorder-pcm-gaps.webm')));
    const service = await open();
    const { info } = await record(service, 'q-gaps', gapsWebm);
    expect(info.status).toBe('complete');
    expect(info.gaps.length).toBeGreaterThan(0);
    const droppedMs = info.gaps.reduce((sum, gap) => sum + gap.gapMs, 0);
    // What the fixture's timestamps say went missing (README: 20 + 20 + 30 + 20 + 50 ms).
    expect(droppedMs).toBeGreaterThanOrEqual(100);
    expect(droppedMs).toBeLessThanOrEqual(160);
    // Kept in the sidecar, so the list says it too.
    expect((await service.list()).find((t) => t.takeId === info.takeId)?.gaps).toEqual(info.gaps);
  });
});

describe('RecordingService: chunk order and unknown takes', () => {
  it('refuses a chunk with the wrong seq as a conflict, and the take continues with the right one', async () => {
    const service = await open();
    const { takeId } = await service.start('q-order');
    const chunks = chunksOf(webm);
    await service.chunk(takeId, 0, chunks[0] as Uint8Array);
    await service.chunk(takeId, 1, chunks[1] as Uint8Array);

    const skipped = await serviceErrorOf(() => service.chunk(takeId, 3, chunks[3] as Uint8Array));
    expect(skipped.code).toBe('conflict');
    expect(skipped.message).toContain('expected chunk 2');
    const repeated = await serviceErrorOf(() => service.chunk(takeId, 1, chunks[1] as Uint8Array));
    expect(repeated.code).toBe('conflict');

    for (let seq = 2; seq < chunks.length; seq++) {
      expect((await service.chunk(takeId, seq, chunks[seq] as Uint8Array)).receivedChunks).toBe(seq + 1);
    }
    const info = await service.stop(takeId);
    expect(info.status).toBe('complete');
    // The refused chunks were not written twice: the take is exactly as long as the fixture.
    expect(Math.abs(info.durationMs - fixtureMs) / fixtureMs).toBeLessThanOrEqual(0.03);
    expect(info.gaps).toEqual([]);
  });

  it('answers not-found for a chunk or stop of a take it is not recording', async () => {
    const service = await open();
    const chunk = await serviceErrorOf(() => service.chunk('take-unknown1', 0, webm.slice(0, 100)));
    expect(chunk.code).toBe('not-found');
    expect(chunk.message).toContain('take-unknown1');
    expect((await serviceErrorOf(() => service.stop('take-unknown1'))).code).toBe('not-found');
  });

  it('refuses a chunk that arrives while the take is being stopped as not-found, without blaming its bytes', async () => {
    const service = await open();
    const { takeId } = await service.start('q-late');
    const chunks = chunksOf(webm, 100_000);
    await service.chunk(takeId, 0, chunks[0] as Uint8Array);
    const stopping = service.stop(takeId);
    // A valid next chunk, sent before the stop has been carried out (e.g. the app quitting mid-take).
    const late = serviceErrorOf(() => service.chunk(takeId, 1, chunks[1] as Uint8Array));
    const info = await stopping;
    const error = await late;
    expect(error.code).toBe('not-found');
    expect(error.message).not.toMatch(/not WebM/);
    // The take is what was recorded before the stop.
    expect(info.status).toBe('complete');
    expect((await service.list()).find((t) => t.takeId === takeId)?.durationMs).toBe(info.durationMs);
  });

  it('answers not-found once a take is stopped', async () => {
    const service = await open();
    const { takeId } = await record(service, 'q-stopped');
    expect((await serviceErrorOf(() => service.chunk(takeId, 1_000, webm.slice(0, 10)))).code).toBe('not-found');
    expect((await serviceErrorOf(() => service.stop(takeId))).code).toBe('not-found');
  });
});

describe('RecordingService: bytes that are not WebM PCM', () => {
  it('stops the take on garbage mid-take, keeps the audio written before and says so', async () => {
    const service = await open();
    const { takeId } = await service.start('q-garbage');
    const good = chunksOf(webm).slice(0, 100);
    let seq = 0;
    for (const chunk of good) await service.chunk(takeId, seq++, chunk);
    const goodBytes = new Uint8Array(good.reduce((sum, c) => sum + c.length, 0));
    good.reduce((at, c) => (goodBytes.set(c, at), at + c.length), 0);
    const keptMs = audioOf(goodBytes).ms;
    expect(keptMs).toBeGreaterThan(500);

    // Zeros: whatever element was half-read is completed, then the next "element ID" is invalid.
    const error = await serviceErrorOf(() => service.chunk(takeId, seq, new Uint8Array(64 * 1024)));
    expect(error.code).toBe('bad-request');
    expect(error.message).toContain(takeId);
    expect(error.message).toMatch(/stopped/);
    expect(error.message).toMatch(/kept/);

    const file = await readFile(service.store.wavPath(takeId));
    expect(existsSync(service.store.partialPath(takeId))).toBe(false);
    const wav = readWavInfo(file);
    expect(wav).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, declaredDataBytes: file.length - 44 });
    // The file holds the audio of the good chunks (within a block and the resampler's edge).
    expect(Math.abs(wav.durationMs - keptMs)).toBeLessThanOrEqual(15);
    // The message names the length that was kept, as the file has it.
    expect(error.message).toContain(`${(wav.durationMs / 1000).toFixed(1)} s`);
    expect(rmsOf(decodeWav(file).channels[0] ?? new Float32Array(0))).toBeGreaterThan(0.01);

    const listed = (await service.list()).find((t) => t.takeId === takeId);
    expect(listed).toMatchObject({ status: 'complete', questionId: 'q-garbage' });
    expect((await serviceErrorOf(() => service.chunk(takeId, seq + 1, good[0] as Uint8Array))).code).toBe('not-found');
  });

  it('refuses an Opus recording with a message naming the codec', async () => {
    const opus = new Uint8Array(await readFile(path.join(FIXTURES, 'mediarecorder-opus.webm')));
    const service = await open();
    const { takeId } = await service.start('q-opus');
    const error = await serviceErrorOf(() => service.chunk(takeId, 0, opus));
    expect(error.code).toBe('bad-request');
    expect(error.message).toMatch(/A_OPUS/);
    expect(existsSync(service.store.partialPath(takeId))).toBe(false);
  });
});

describe('RecordingService: list, close and recovery', () => {
  it('lists finished and active takes, oldest first', async () => {
    let clock = 1_000_000;
    const service = await open(base, { now: () => clock });
    const { info: done } = await record(service, 'q-done');
    clock += 60_000;
    const live = await service.start('q-live');
    const chunks = chunksOf(webm);
    let lastMs = 0;
    for (let seq = 0; seq < 60; seq++) lastMs = (await service.chunk(live.takeId, seq, chunks[seq] as Uint8Array)).writtenMs;
    expect(lastMs).toBeGreaterThan(0);

    const listed = await service.list();
    expect(listed.map((t) => t.takeId)).toEqual([done.takeId, live.takeId]);
    expect(listed[0]).toEqual(done);
    expect(listed[1]).toMatchObject({
      takeId: live.takeId,
      questionId: 'q-live',
      status: 'recording',
      startedAt: live.startedAt,
      fileName: live.fileName,
      durationMs: lastMs,
    });
    // writtenMs is rounded to the ms: the bytes on disk agree with it to within 1 ms of samples (32 bytes).
    expect(Math.abs((listed[1]?.bytes ?? 0) - (44 + lastMs * 32))).toBeLessThanOrEqual(32);
  });

  it('close() finishes every active take: nothing is left partial', async () => {
    const service = await open();
    const a = await service.start('q-a');
    const b = await service.start('q-b');
    const chunks = chunksOf(webm);
    for (let seq = 0; seq < 40; seq++) await service.chunk(a.takeId, seq, chunks[seq] as Uint8Array);
    await service.close();

    const names = await readdir(service.store.dir);
    expect(names.filter((n) => n.endsWith('.partial'))).toEqual([]);
    expect(names).toContain(a.fileName);
    expect(names).toContain(b.fileName);
    const listed = await service.list();
    expect(listed.map((t) => [t.takeId, t.status])).toEqual([
      [a.takeId, 'complete'],
      [b.takeId, 'complete'],
    ]);
    expect(listed[0]?.durationMs).toBeGreaterThan(0);
    expect(listed[1]?.durationMs).toBe(0);

    const reopened = await open();
    expect(reopened.recovery.recovered).toEqual([]);
  });

  it('recovers a take that was never stopped when the folder is opened again', async () => {
    const crashed = await open(base, { syncEveryMs: 0 });
    const { takeId } = await crashed.start('q-crashed');
    const chunks = chunksOf(webm);
    let writtenMs = 0;
    for (let seq = 0; seq < 80; seq++) writtenMs = (await crashed.chunk(takeId, seq, chunks[seq] as Uint8Array)).writtenMs;
    expect(writtenMs).toBeGreaterThan(500);
    expect(existsSync(crashed.store.partialPath(takeId))).toBe(true);
    // The process dies here: no stop, no close.
    await abandon(crashed);

    const reopened = await open();
    expect(reopened.recovery.recovered).toEqual([takeId]);
    expect(existsSync(reopened.store.partialPath(takeId))).toBe(false);
    const [info] = await reopened.list();
    expect(info).toMatchObject({ takeId, questionId: 'q-crashed', status: 'recovered' });
    expect(Math.abs((info?.durationMs ?? 0) - writtenMs)).toBeLessThanOrEqual(1);
    const wav = readWavInfo(await readFile(reopened.store.wavPath(takeId)));
    expect(wav).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16 });
    expect(wav.declaredDataBytes).toBe(wav.dataBytes);

    // A new take after recovery works, and a third opening recovers nothing.
    const { info: next } = await record(reopened, 'q-after');
    expect(next.status).toBe('complete');
    expect((await open()).recovery.recovered).toEqual([]);
  });
});

const errno = (code: string) => Object.assign(new Error(`${code}: simulated`), { code });

/** FileHandle's prototype (node does not export the class), so a test can make writes fail. */
async function fileHandlePrototype(): Promise<{ write: (...args: unknown[]) => Promise<unknown>; sync: () => Promise<void> }> {
  const handle = await fsp.open(path.join(base, 'probe'), 'w');
  await handle.close();
  return Object.getPrototypeOf(handle);
}

/** Files this process holds open whose path contains `part` (Linux: /proc/self/fd). */
async function openFilesNamed(part: string): Promise<string[]> {
  const fds = await fsp.readdir('/proc/self/fd').catch(() => [] as string[]);
  const targets = await Promise.all(fds.map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')));
  return targets.filter((target) => target.includes(part));
}

function listenerLog() {
  const events: string[] = [];
  return {
    events,
    listener: {
      started: (id: string) => events.push(`started ${id}`),
      audio: () => undefined,
      stopped: (id: string) => events.push(`stopped ${id}`),
    },
  };
}

describe('RecordingService: the disk fails (full, or a file held by a scanner)', () => {
  it('a full disk mid-take stops it with a clear message and keeps every sample written as one complete take', async () => {
    const log = listenerLog();
    const service = await RecordingService.open(base, { listener: log.listener });
    services.push(service);
    const { takeId } = await service.start('q-full');
    const chunks = chunksOf(webm);
    let seq = 0;
    let writtenMs = 0;
    for (const chunk of chunks.slice(0, 60)) writtenMs = (await service.chunk(takeId, seq++, chunk)).writtenMs;
    const proto = await fileHandlePrototype();
    const write = proto.write;
    // The disk fills up: the next write stores half its bytes, the one after none.
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      if (args[3] !== 0 && ++calls > 1) throw errno('ENOSPC');
      const [buffer, offset, length, position] = args as [Buffer, number, number, number];
      // Rewriting the header, in place, needs no new space.
      if (position === 0) return write.call(this, ...args);
      return write.call(this, buffer, offset, Math.floor(length / 2), position);
    });
    let error: ServiceError | null = null;
    for (const chunk of chunks.slice(60)) {
      try {
        await service.chunk(takeId, seq++, chunk);
      } catch (caught) {
        error = caught as ServiceError;
        break;
      }
    }
    vi.mocked(proto.write).mockRestore();
    expect(error).toBeInstanceOf(ServiceError);
    expect(error?.message).toMatch(/disk is full/i);
    expect(error?.message).toMatch(/kept/);
    expect(error?.message).not.toMatch(/not WebM/);

    // The renderer stops the take after such an error: it gets the take, not "not being recorded".
    const info = await service.stop(takeId);
    expect(info).toMatchObject({ takeId, status: 'complete', questionId: 'q-full' });
    const file = await readFile(service.store.wavPath(takeId));
    const wav = readWavInfo(file);
    expect(wav.declaredDataBytes).toBe(file.length - 44);
    expect(info.durationMs).toBe(Math.round(wav.durationMs));
    expect(error?.message).toContain(`${(wav.durationMs / 1000).toFixed(1)} s`);
    // Every sample reported written before the disk filled is in the take (and half a write more).
    expect(wav.durationMs).toBeGreaterThan(writtenMs);
    expect(existsSync(service.store.partialPath(takeId))).toBe(false);
    expect(await openFilesNamed(takeId)).toEqual([]);
    expect(log.events).toEqual([`started ${takeId}`, `stopped ${takeId}`]);
    expect((await service.list()).filter((t) => t.takeId === takeId)).toHaveLength(1);
  });

  it('a Stop that cannot finish the file says so, keeps the take listed, and a second Stop finishes it', async () => {
    const log = listenerLog();
    const service = await RecordingService.open(base, { listener: log.listener });
    services.push(service);
    const { takeId } = await service.start('q-held');
    let seq = 0;
    for (const chunk of chunksOf(webm)) await service.chunk(takeId, seq++, chunk);
    // A scanner holds the new file for longer than the rename is retried.
    vi.spyOn(fsp, 'rename').mockImplementation(async () => {
      throw errno('EPERM');
    });
    const error = await serviceErrorOf(() => service.stop(takeId));
    expect(error.message).toMatch(/could not finish/i);
    expect(error.message).toMatch(/Stop again|try again/i);
    const listed = (await service.list()).filter((t) => t.takeId === takeId);
    expect(listed).toHaveLength(1);
    // Transcription is told the take ended (it has every sample) instead of waiting for ever.
    expect(log.events).toEqual([`started ${takeId}`, `stopped ${takeId}`]);

    vi.mocked(fsp.rename).mockRestore();
    const info = await service.stop(takeId);
    expect(info).toMatchObject({ takeId, status: 'complete', questionId: 'q-held' });
    expect(Math.abs(info.durationMs - fixtureMs) / fixtureMs).toBeLessThanOrEqual(0.03);
    expect(existsSync(service.store.partialPath(takeId))).toBe(false);
    expect(await openFilesNamed(takeId)).toEqual([]);
    expect((await service.list()).filter((t) => t.takeId === takeId)).toHaveLength(1);
    expect(log.events).toEqual([`started ${takeId}`, `stopped ${takeId}`]);
  }, 15_000);

  it('a sync error at Stop can be retried, and a take that can never be finished is recovered at the next start', async () => {
    const service = await open();
    const { takeId } = await service.start('q-sync');
    let seq = 0;
    for (const chunk of chunksOf(webm).slice(0, 80)) await service.chunk(takeId, seq++, chunk);
    const proto = await fileHandlePrototype();
    vi.spyOn(proto, 'sync').mockImplementation(async () => {
      throw errno('EIO');
    });
    const first = await serviceErrorOf(() => service.stop(takeId));
    expect(first.message).toMatch(/could not finish/i);
    const second = await serviceErrorOf(() => service.stop(takeId));
    expect(second.message).toMatch(/could not finish/i);
    // Quitting gives up on the file but closes it; the next start recovers what was written.
    await service.close();
    expect(await openFilesNamed(takeId)).toEqual([]);
    vi.mocked(proto.sync).mockRestore();
    const reopened = await open();
    expect(reopened.recovery.recovered).toEqual([takeId]);
    const listed = (await reopened.list()).filter((t) => t.takeId === takeId);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ status: 'recovered', questionId: 'q-sync' });
    expect(listed[0]?.durationMs).toBeGreaterThan(500);
  });
});
