// Writes a zip to an open file as it is made (yazl: ZIP64 where a zip needs it, so no limit on its size
// or number of files), so a backup of many hours of audio never has to fit in memory. Files are stored
// as they are, buffers deflated; each added file's size and SHA-256 come back for the manifest. Stops
// at the next piece when `signal` fires.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Transform, type Readable } from 'node:stream';
import yazl from 'yazl';
import { JobCancelled } from './backup-job';

export interface ZippedFile {
  path: string;
  bytes: number;
  sha256: string;
}

const READ_BYTES = 1024 * 1024;
const WRITE_BYTES = 1024 * 1024;
/** Entries carry no real time (a backup's contents do not depend on when it was made). */
const MTIME = new Date(Date.UTC(2020, 0, 1));

export class ZipWriter {
  private readonly zip = new yazl.ZipFile();
  private readonly output = this.zip.outputStream as unknown as Readable;
  private readonly pumped: Promise<void>;
  private failure: unknown = null;
  /** Bytes of zip written so far. */
  bytes = 0;

  constructor(
    handle: FileHandle,
    private readonly signal: AbortSignal,
  ) {
    this.pumped = this.pump(handle).catch((error: unknown) => {
      this.failure ??= error;
      this.output.destroy();
    });
    // yazl reports a file that was not the size it said (changed while it was read) here: stop writing.
    this.zip.on('error', (error: unknown) => {
      this.failure ??= error;
      this.output.destroy();
    });
    signal.addEventListener('abort', () => this.abort(), { once: true });
  }

  /** Adds `data` deflated. */
  async addDeflated(path: string, data: Uint8Array): Promise<ZippedFile> {
    this.check();
    this.zip.addBuffer(Buffer.from(data.buffer, data.byteOffset, data.byteLength), path, { mtime: MTIME, compress: true });
    return { path, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
  }

  /**
   * Adds the file at `source` (`bytes` long) as it is (stored); resolves once all of it is in the zip.
   * `onBytes` hears how much of it has gone in.
   */
  async addStoredFile(
    path: string,
    source: string,
    bytes: number,
    onBytes: (bytes: number) => void = () => undefined,
  ): Promise<ZippedFile> {
    this.check();
    const hash = createHash('sha256');
    let seen = 0;
    const signal = this.signal;
    const finished = new Promise<ZippedFile>((resolve, reject) => {
      this.zip.addReadStreamLazy(path, { mtime: MTIME, compress: false, size: bytes }, (callback) => {
        const watcher = new Transform({
          transform(chunk: Buffer, _encoding, next) {
            if (signal.aborted) return next(new JobCancelled());
            hash.update(chunk);
            seen += chunk.byteLength;
            onBytes(seen);
            next(null, chunk);
          },
          flush(next) {
            next();
            resolve({ path, bytes: seen, sha256: hash.digest('hex') });
          },
        });
        const input = createReadStream(source, { highWaterMark: READ_BYTES });
        input.once('error', (error) => {
          reject(error);
          watcher.destroy(error);
        });
        watcher.once('error', reject);
        callback(null, input.pipe(watcher));
      });
    });
    // Should the zip fail before this file's turn, say so instead of waiting for ever.
    return Promise.race([finished, this.pumped.then(() => Promise.reject(this.failure ?? new Error('the zip ended early')))]);
  }

  /** Writes the central directory and waits until every byte is in the file. */
  async end(): Promise<void> {
    this.check();
    this.zip.end();
    await this.pumped;
    this.check();
  }

  /** Stops writing; the caller removes the file. */
  abort(): void {
    this.failure ??= new JobCancelled();
    this.output.destroy();
  }

  private check(): void {
    if (this.failure) throw this.failure;
    if (this.signal.aborted) throw new JobCancelled();
  }

  private async pump(handle: FileHandle): Promise<void> {
    let pending: Buffer[] = [];
    let size = 0;
    const write = async () => {
      const data = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending, size);
      pending = [];
      size = 0;
      for (let at = 0; at < data.byteLength;) at += (await handle.write(data, at, data.byteLength - at)).bytesWritten;
      this.bytes += data.byteLength;
    };
    for await (const chunk of this.output) {
      if (this.signal.aborted) throw new JobCancelled();
      pending.push(chunk as Buffer);
      size += (chunk as Buffer).byteLength;
      if (size >= WRITE_BYTES) await write();
    }
    if (size > 0) await write();
  }
}
