// Replaces a finished take's WAV (1.9 MB a minute) by Ogg Opus (about 180 KB a minute) so that a crash
// at any moment leaves one good copy: the Opus file is written under `<take>.opus.partial`, synced,
// renamed to `<take>.opus`, decoded in full and checked against the WAV's length (within 20 ms), and only
// then is the WAV deleted. Any failure (a full disk above all) removes what was written and keeps the WAV.
// recoverCompression() finishes or undoes what a crash interrupted. Plain Node: no Electron.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeOggOpusFile, encodeOggOpus, InterruptedError, OPUS_SAMPLE_RATE } from '../audio/ogg-opus';
import { readWavInfo } from '../audio/wav';
import type { TakeStore } from './take-store';

/** How far the compressed take's length may be from the WAV's. */
export const LENGTH_TOLERANCE_MS = 20;
const READ_SECONDS = 10;

export type CompressProblem = 'disk-full' | 'not-a-take' | 'interrupted' | 'failed';

export class CompressError extends Error {
  constructor(
    readonly problem: CompressProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CompressError';
  }
}

/** The part of a file handle the writer uses: tests pass one that fails as a full disk does. */
export interface WritableFile {
  write(data: Uint8Array, offset: number, length: number, position: number): Promise<unknown>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface CompressOptions {
  /** Opens the `.opus.partial` file for writing (truncating any left over). */
  openForWrite?: (filePath: string) => Promise<WritableFile>;
  /** Asked as it works; true stops it (problem 'interrupted'), the WAV kept, nothing else left behind. */
  interrupted?: () => boolean;
}

export interface CompressResult {
  takeId: string;
  wavBytes: number;
  opusBytes: number;
  durationMs: number;
}

export async function compressTake(store: TakeStore, takeId: string, options: CompressOptions = {}): Promise<CompressResult> {
  const wavPath = store.wavPath(takeId);
  const partialPath = store.opusPartialPath(takeId);
  const opusPath = store.opusPath(takeId);
  const wav = await takeWav(wavPath);
  const open = options.openForWrite ?? ((filePath: string) => fs.open(filePath, 'w'));

  try {
    const file = await open(partialPath);
    try {
      await encodeOggOpus(
        readSamples(wavPath, wav),
        {
          write: async (data, position) => {
            await file.write(data, 0, data.length, position);
          },
        },
        { interrupted: options.interrupted },
      );
      await file.sync();
    } finally {
      await file.close();
    }
    await fs.rename(partialPath, opusPath);
    await syncFolder(store.dir);
  } catch (error) {
    await fs.rm(partialPath, { force: true });
    throw describe(error, takeId);
  }

  const durationMs = await verify(opusPath, wav.durationMs, options.interrupted).catch(async (error: unknown) => {
    await fs.rm(opusPath, { force: true });
    if (error instanceof InterruptedError) throw interrupted(takeId, error);
    throw new CompressError('failed', `the compressed audio of ${takeId} did not check out (${message(error)}); its WAV is kept`, {
      cause: error,
    });
  });
  const opusBytes = (await fs.stat(opusPath)).size;
  const meta = await store.readMeta(takeId);
  if (!meta) {
    // Deleted while it was being compressed: what we wrote must not outlive the take.
    await fs.rm(opusPath, { force: true });
    throw new CompressError('not-a-take', `${takeId} was deleted while its audio was being compressed`);
  }
  // The length, so listing takes need not read the Ogg file; a failure here only costs that read later.
  await store.writeMeta({ ...meta, durationMs: Math.round(durationMs) }).catch(() => undefined);
  await fs.rm(wavPath, { force: true });
  return { takeId, wavBytes: wav.bytes, opusBytes, durationMs };
}

export interface CompressionRecovery {
  /** `.opus.partial` files removed (their WAV is still there and is compressed again later). */
  removedPartial: string[];
  /** Takes whose verified Opus file was there with the WAV: the WAV was removed. */
  finished: string[];
  /** Takes whose Opus file beside the WAV did not check out: it was removed, the WAV kept. */
  discarded: string[];
}

/**
 * At start-up: finishes or undoes compressions a crash interrupted, so each take keeps exactly one good
 * audio file. A `.opus.partial` is only ever removed when its WAV is there.
 */
export async function recoverCompression(store: TakeStore): Promise<CompressionRecovery> {
  const report: CompressionRecovery = { removedPartial: [], finished: [], discarded: [] };
  const names = new Set(await fs.readdir(store.dir).catch(() => [] as string[]));
  const { wav } = await store.scan();
  for (const takeId of wav) {
    if (names.has(path.basename(store.opusPartialPath(takeId)))) {
      await fs.rm(store.opusPartialPath(takeId), { force: true });
      report.removedPartial.push(takeId);
    }
    if (!names.has(path.basename(store.opusPath(takeId)))) continue;
    const info = await takeWav(store.wavPath(takeId)).catch(() => null);
    const checked = info
      ? await verify(store.opusPath(takeId), info.durationMs).then(
          () => true,
          () => false,
        )
      : false;
    if (checked) {
      await fs.rm(store.wavPath(takeId), { force: true });
      report.finished.push(takeId);
    } else {
      await fs.rm(store.opusPath(takeId), { force: true });
      report.discarded.push(takeId);
    }
  }
  return report;
}

interface TakeWav {
  dataOffset: number;
  dataBytes: number;
  bytes: number;
  durationMs: number;
}

/** Reads a take WAV's header: it must be what the recorder writes, 16 kHz mono 16-bit PCM. */
async function takeWav(wavPath: string): Promise<TakeWav> {
  const handle = await fs.open(wavPath, 'r').catch((error: unknown) => {
    throw new CompressError('not-a-take', `${path.basename(wavPath)} cannot be read: ${message(error)}`, { cause: error });
  });
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 4096));
    await handle.read(head, 0, head.length, 0);
    const info = (() => {
      try {
        return readWavInfo(head);
      } catch (error) {
        throw new CompressError('not-a-take', `${path.basename(wavPath)} is not a usable WAV: ${message(error)}`, { cause: error });
      }
    })();
    if (info.format !== 'pcm' || info.bitsPerSample !== 16 || info.channels !== 1 || info.sampleRate !== OPUS_SAMPLE_RATE) {
      throw new CompressError('not-a-take', `${path.basename(wavPath)} is not a 16 kHz mono 16-bit take`);
    }
    const dataBytes = Math.max(0, Math.min(info.declaredDataBytes, size - info.dataOffset)) & ~1;
    return { dataOffset: info.dataOffset, dataBytes, bytes: size, durationMs: (dataBytes / 2 / OPUS_SAMPLE_RATE) * 1000 };
  } finally {
    await handle.close();
  }
}

/** The WAV's samples in 10 s pieces, so a long take is never held whole. */
async function* readSamples(wavPath: string, wav: TakeWav): AsyncGenerator<Int16Array> {
  const handle = await fs.open(wavPath, 'r');
  try {
    const piece = READ_SECONDS * OPUS_SAMPLE_RATE * 2;
    for (let at = 0; at < wav.dataBytes; at += piece) {
      const buf = Buffer.alloc(Math.min(piece, wav.dataBytes - at));
      const { bytesRead } = await handle.read(buf, 0, buf.length, wav.dataOffset + at);
      if (bytesRead !== buf.length) throw new Error(`the WAV ended ${wav.dataBytes - at - bytesRead} bytes early`);
      // A fresh Buffer.alloc is 8-byte aligned at offset 0 of its own ArrayBuffer (never pooled).
      yield new Int16Array(buf.buffer, buf.byteOffset, buf.length / 2);
    }
  } finally {
    await handle.close();
  }
}

/** Decodes the whole file; its length must be the WAV's within the tolerance. Returns it in ms. */
async function verify(opusPath: string, wavMs: number, isInterrupted?: () => boolean): Promise<number> {
  const decoded = await decodeOggOpusFile(opusPath, { keepSamples: false, interrupted: isInterrupted });
  const decodedMs = (decoded.decodedSamples / OPUS_SAMPLE_RATE) * 1000;
  if (Math.abs(decodedMs - wavMs) > LENGTH_TOLERANCE_MS) {
    throw new Error(`it decodes to ${(decodedMs / 1000).toFixed(3)} s, the WAV is ${(wavMs / 1000).toFixed(3)} s`);
  }
  return decodedMs;
}

/** Makes a rename durable where the system allows it (a folder cannot be opened for sync on Windows). */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}

function interrupted(takeId: string, cause: unknown): CompressError {
  return new CompressError('interrupted', `compressing ${takeId} was put off: the app has other work`, { cause });
}

function describe(error: unknown, takeId: string): CompressError {
  if (error instanceof CompressError) return error;
  if (error instanceof InterruptedError) return interrupted(takeId, error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new CompressError(
      'disk-full',
      `The disk is full: the audio of ${takeId} could not be compressed. Nothing was lost (its WAV is kept) and ` +
        'it is compressed again later; free some space to make room.',
      { cause: error },
    );
  }
  return new CompressError('failed', `the audio of ${takeId} could not be compressed (${message(error)}); its WAV is kept`, {
    cause: error,
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
