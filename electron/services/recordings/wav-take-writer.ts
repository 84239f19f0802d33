// Writes one take to disk as it arrives: a 16 kHz mono 16-bit WAV under a partial name, its header
// sizes patched and the file synced at least every `syncEveryMs`, so a crash loses at most that much.
// On finish the header is final, the file synced, closed and renamed to its real name (retried while
// Windows holds it), its folder synced. Every step of finish can fail (a full disk, a scanner holding
// the file) and be tried again: finish picks up where it stopped. A write that fails part-way counts
// the bytes that did reach the file, so the header never claims more than is there.
import { promises as fs } from 'node:fs';
import { wavHeader } from '../audio/wav';
import path from 'node:path';
import { renameRetrying, syncDir } from '../files/durable-rename';

export const TAKE_SAMPLE_RATE = 16_000;
const HEADER_BYTES = 44;

export interface WavTakeWriterOptions {
  syncEveryMs?: number;
  now?: () => number;
}

export class WavTakeWriter {
  private dataBytes = 0;
  private lastSyncAt: number;
  private readonly syncEveryMs: number;
  private readonly now: () => number;
  private closed = false;
  private renamed = false;

  private constructor(
    private readonly handle: fs.FileHandle,
    readonly partialPath: string,
    readonly finalPath: string,
    options: WavTakeWriterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.syncEveryMs = options.syncEveryMs ?? 1000;
    this.lastSyncAt = this.now();
  }

  static async create(partialPath: string, finalPath: string, options: WavTakeWriterOptions = {}): Promise<WavTakeWriter> {
    const handle = await fs.open(partialPath, 'wx');
    try {
      await handle.write(wavHeader({ sampleRate: TAKE_SAMPLE_RATE, channels: 1, bitsPerSample: 16, dataBytes: 0 }), 0, HEADER_BYTES, 0);
      await handle.sync();
    } catch (error) {
      // Not even the header fits (a full disk): leave nothing behind.
      await handle.close().catch(() => undefined);
      await fs.rm(partialPath, { force: true }).catch(() => undefined);
      throw error;
    }
    return new WavTakeWriter(handle, partialPath, finalPath, options);
  }

  get writtenMs(): number {
    return (this.dataBytes / 2 / TAKE_SAMPLE_RATE) * 1000;
  }

  get bytes(): number {
    return HEADER_BYTES + this.dataBytes;
  }

  async append(samples: Int16Array): Promise<void> {
    if (samples.length > 0) {
      const bytes = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
      let written = 0;
      try {
        while (written < bytes.length) {
          written += (await this.handle.write(bytes, written, bytes.length - written, HEADER_BYTES + this.dataBytes + written))
            .bytesWritten;
        }
      } finally {
        // Whole samples only: a half sample that reached the file lies past the declared data.
        this.dataBytes += written & ~1;
      }
    }
    if (this.now() - this.lastSyncAt >= this.syncEveryMs) await this.sync();
  }

  /** Patches the RIFF and data sizes to what is written and makes both durable. */
  async sync(): Promise<void> {
    await this.patchHeader();
    await this.handle.datasync();
    this.lastSyncAt = this.now();
  }

  /** Final header, synced, closed, renamed. Safe to call again after it failed. */
  async finish(): Promise<void> {
    if (!this.closed) {
      await this.patchHeader();
      // Drops a half sample (or a failed write's tail) past the data; shrinking needs no free space.
      await this.handle.truncate(this.bytes);
      await this.handle.sync();
      await this.handle.close();
      this.closed = true;
    }
    if (!this.renamed) {
      await renameRetrying(this.partialPath, this.finalPath);
      this.renamed = true;
      await syncDir(path.dirname(this.finalPath));
    }
  }

  /** Gives up on finishing (the app is quitting): the file is closed as it is, for start-up recovery. */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.patchHeader().catch(() => undefined);
    await this.handle.close().catch(() => undefined);
  }

  private async patchHeader(): Promise<void> {
    const header = wavHeader({ sampleRate: TAKE_SAMPLE_RATE, channels: 1, bitsPerSample: 16, dataBytes: this.dataBytes });
    await this.handle.write(header, 0, HEADER_BYTES, 0);
  }
}
