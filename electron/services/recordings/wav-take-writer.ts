// Writes one take to disk as it arrives: a 16 kHz mono 16-bit WAV under a partial name, its header
// sizes patched and the file synced at least every `syncEveryMs`, so a crash loses at most that much.
// On finish the header is final, the file synced and renamed to its real name.
import { promises as fs } from 'node:fs';
import { wavHeader } from '../audio/wav';
import { renameDurably } from '../files/durable-rename';

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
    await handle.write(wavHeader({ sampleRate: TAKE_SAMPLE_RATE, channels: 1, bitsPerSample: 16, dataBytes: 0 }), 0, HEADER_BYTES, 0);
    await handle.sync();
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
      await this.handle.write(bytes, 0, bytes.length, HEADER_BYTES + this.dataBytes);
      this.dataBytes += bytes.length;
    }
    if (this.now() - this.lastSyncAt >= this.syncEveryMs) await this.sync();
  }

  /** Patches the RIFF and data sizes to what is written and makes both durable. */
  async sync(): Promise<void> {
    await this.patchHeader();
    await this.handle.datasync();
    this.lastSyncAt = this.now();
  }

  async finish(): Promise<void> {
    await this.patchHeader();
    await this.handle.sync();
    await this.handle.close();
    await renameDurably(this.partialPath, this.finalPath);
  }

  private async patchHeader(): Promise<void> {
    const header = wavHeader({ sampleRate: TAKE_SAMPLE_RATE, channels: 1, bitsPerSample: 16, dataBytes: this.dataBytes });
    await this.handle.write(header, 0, HEADER_BYTES, 0);
  }
}
