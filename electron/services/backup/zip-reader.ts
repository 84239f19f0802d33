// Reads a zip from a file without holding it: its central directory first (names and sizes, ZIP64 too),
// then one entry's data at a time as a stream, inflated by zlib off the main thread. yauzl checks that
// a stored entry's sizes agree and that an entry never yields more or fewer bytes than it declares, so
// a declared size can be trusted once it has been bounded.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

export interface ZipEntry {
  /** The name as written (UTF-8 expected; anything else never matches a backup's names). */
  name: string;
  /** Bytes in the zip. */
  compressedSize: number;
  /** Bytes unpacked, as declared. */
  size: number;
  /** 0 stored, 8 deflated, anything else unknown to us. */
  method: number;
  encrypted: boolean;
  /** Where its local header is: entries are read in this order, so the file is read front to back. */
  offset: number;
  raw: yauzl.Entry;
}

export class NotAZipError extends Error {}

const READ_BYTES = 1024 * 1024;

export class ZipReader {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly file: string,
    readonly fileBytes: number,
  ) {}

  /** Opens `file`; NotAZipError when it has no zip directory to read. */
  static async open(file: string): Promise<ZipReader> {
    const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      // decodeStrings off: yauzl would refuse a bad name as an error; restore names what it found instead.
      yauzl.open(file, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true }, (error, opened) =>
        error ? reject(new NotAZipError(error.message)) : resolve(opened),
      ),
    );
    const reader = new ZipReader(zip, file, (zip as unknown as { fileSize: number }).fileSize);
    return reader;
  }

  /** How many entries the zip's directory says it has. */
  get entryCount(): number {
    return this.zip.entryCount;
  }

  /** Every entry of the central directory; NotAZipError when it cannot be read. */
  async entries(): Promise<ZipEntry[]> {
    const zip = this.zip;
    return new Promise<ZipEntry[]>((resolve, reject) => {
      const found: ZipEntry[] = [];
      const onEntry = (entry: yauzl.Entry) => {
        const raw = entry.fileName as unknown as Buffer | string;
        found.push({
          name: typeof raw === 'string' ? raw : new TextDecoder('utf-8').decode(raw),
          compressedSize: entry.compressedSize,
          size: entry.uncompressedSize,
          method: entry.compressionMethod,
          encrypted: entry.isEncrypted(),
          offset: entry.relativeOffsetOfLocalHeader,
          raw: entry,
        });
        zip.readEntry();
      };
      const done = (error?: Error) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        if (error) reject(new NotAZipError(error.message));
        else resolve(found);
      };
      const onEnd = () => done();
      const onError = (error: Error) => done(error);
      zip.on('entry', onEntry).once('end', onEnd).once('error', onError);
      zip.readEntry();
    });
  }

  /**
   * The entry's unpacked bytes as a stream (it errors when they are not what the entry declares). A
   * stored entry is read straight from the file in large pieces: exactly its declared size, which must
   * lie inside the file.
   */
  async stream(entry: ZipEntry): Promise<Readable> {
    if (entry.method === 0 && !entry.encrypted) {
      const { fileDataStart } = await new Promise<{ fileDataStart: number }>((resolve, reject) =>
        this.zip.readLocalFileHeader(entry.raw, { minimal: true }, (error, header) => (error ? reject(error) : resolve(header))),
      );
      if (fileDataStart + entry.compressedSize > this.fileBytes) throw new Error(`${entry.name} runs past the end of the file`);
      if (entry.compressedSize === 0) return Readable.from([]);
      return createReadStream(this.file, {
        start: fileDataStart,
        end: fileDataStart + entry.compressedSize - 1,
        highWaterMark: READ_BYTES,
      });
    }
    return new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry.raw, (error, stream) => (error ? reject(error) : resolve(stream))),
    );
  }

  close(): void {
    this.zip.close();
  }
}
