// Writes a zip to an open file as it is made (fflate's streaming Zip), so a backup of many takes never
// has to fit in memory: audio is stored as it is (level 0), JSON deflated. Each added file's size and
// SHA-256 are returned for the manifest.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

export interface ZippedFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** fflate writes no ZIP64 records, so a zip holds at most this many entries. */
export const MAX_ZIP_ENTRIES = 65_535;
const READ_BYTES = 1024 * 1024;

export class ZipStream {
  private readonly zip: Zip;
  private pending: Uint8Array[] = [];
  private failure: Error | null = null;
  private ended = false;
  private entries = 0;
  /** Bytes of zip written so far. */
  bytes = 0;

  constructor(private readonly handle: FileHandle) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure = error;
      else this.pending.push(chunk);
      if (final) this.ended = true;
    });
  }

  /** Adds `data` deflated. */
  async addDeflated(path: string, data: Uint8Array): Promise<ZippedFile> {
    this.count();
    const file = new ZipDeflate(path, { level: 6 });
    this.zip.add(file);
    file.push(data, true);
    await this.flush();
    return { path, bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
  }

  /**
   * Adds the file at `source` as it is (stored), read a piece at a time. Null, and nothing added, when
   * there is no such file or `accept` refuses its first piece.
   */
  async addStoredFile(path: string, source: string, accept: (head: Uint8Array) => boolean = () => true): Promise<ZippedFile | null> {
    const input = await fs.open(source, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'EISDIR') return null;
      throw error;
    });
    if (!input) return null;
    try {
      let piece = await readPiece(input);
      if (!accept(piece)) return null;
      this.count();
      const file = new ZipPassThrough(path);
      this.zip.add(file);
      const hash = createHash('sha256');
      let bytes = 0;
      for (;;) {
        const next = piece.byteLength === READ_BYTES ? await readPiece(input) : new Uint8Array(0);
        hash.update(piece);
        bytes += piece.byteLength;
        file.push(piece, next.byteLength === 0);
        await this.flush();
        if (next.byteLength === 0) break;
        piece = next;
      }
      return { path, bytes, sha256: hash.digest('hex') };
    } finally {
      await input.close();
    }
  }

  /** Writes the central directory: the zip is complete. */
  async end(): Promise<void> {
    this.zip.end();
    await this.flush();
    if (!this.ended) throw new Error('the zip did not finish');
  }

  private count(): void {
    this.entries += 1;
    if (this.entries > MAX_ZIP_ENTRIES) throw new Error(`a zip holds at most ${MAX_ZIP_ENTRIES} files`);
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const chunks = this.pending;
    this.pending = [];
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.byteLength;) {
        const { bytesWritten } = await this.handle.write(chunk, at, chunk.byteLength - at);
        at += bytesWritten;
      }
      this.bytes += chunk.byteLength;
    }
    if (this.failure) throw this.failure;
  }
}

/** The next piece of the file (a fresh buffer: fflate keeps what it is given until it is written). */
async function readPiece(handle: FileHandle): Promise<Uint8Array> {
  const buffer = new Uint8Array(READ_BYTES);
  let filled = 0;
  while (filled < READ_BYTES) {
    const { bytesRead } = await handle.read(buffer, filled, READ_BYTES - filled, null);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === READ_BYTES ? buffer : buffer.subarray(0, filled);
}
