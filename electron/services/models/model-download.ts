// Downloads one model file to `dest`, safely: bytes go to `<dest>.part`, a later call resumes that part
// with an HTTP Range request, the whole file (resumed prefix included) is checked against a known digest,
// and only then is the part fsynced and renamed over `dest`. `dest` is never a half file.
// Cancelling (AbortSignal) or losing the connection keeps the part for the next call to resume;
// a checksum mismatch deletes it, since resuming bad bytes can never succeed, and so do a full disk and
// a file larger than `maxBytes`. A redirect from https to http is refused.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { renameDurably } from '../files/durable-rename';
import type { Checksum } from './model-catalog';

export type ModelDownloadErrorCode = 'network' | 'http-status' | 'checksum-mismatch' | 'cancelled' | 'io' | 'too-large';

export class ModelDownloadError extends Error {
  constructor(
    readonly code: ModelDownloadErrorCode,
    message: string,
    /** The disk is full: the partial download is removed rather than kept to resume. */
    readonly diskFull = false,
  ) {
    super(message);
    this.name = 'ModelDownloadError';
  }
}

export interface DownloadProgress {
  /** Bytes of the file on disk so far, a resumed prefix included. */
  receivedBytes: number;
  /** The whole file's length when the server said it, else null. */
  totalBytes: number | null;
}

/** One HTTP exchange, no redirects followed. Header names in `headers` are lower-case. */
export interface FetchResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}
export type FetchImpl = (url: URL, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<FetchResponse>;

export interface DownloadModelOptions {
  url: string;
  dest: string;
  checksum: Checksum;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Replaces the Node http/https exchange (tests); redirects are still followed here. */
  fetchImpl?: FetchImpl;
  /** Give up ('network') when no byte arrives for this long. Default 30 s. */
  stallTimeoutMs?: number;
  /** Refuse ('too-large') a file longer than this, by its stated length or as its bytes arrive. */
  maxBytes?: number;
}

export const MAX_REDIRECTS = 5;
const PROGRESS_INTERVAL_MS = 100;
const PROGRESS_BYTES = 1024 * 1024;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function partPathFor(dest: string): string {
  return `${dest}.part`;
}

export async function downloadModel(opts: DownloadModelOptions): Promise<void> {
  const { dest, checksum, signal } = opts;
  const part = partPathFor(dest);
  const expected = checksum.hex.toLowerCase();
  if (signal?.aborted) throw cancelled();

  // One controller for everything in flight: the caller's signal and the stall timer both fire it.
  const controller = new AbortController();
  let stalled = false;
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const stallMs = opts.stallTimeoutMs ?? 30_000;
  let stallTimer: NodeJS.Timeout | undefined;
  const armStallTimer = () => {
    clearTimeout(stallTimer);
    stallTimer = setTimeout(() => {
      stalled = true;
      controller.abort();
    }, stallMs);
  };
  /** What a failure while talking to the server means, now that we know why things stopped. */
  const classify = (error: unknown, context: string): ModelDownloadError => {
    if (error instanceof ModelDownloadError) return error;
    if (signal?.aborted) return cancelled();
    if (stalled) return new ModelDownloadError('network', `${context}: no data for ${stallMs} ms, gave up`);
    return new ModelDownloadError('network', `${context}: ${describe(error)}`);
  };

  try {
    await io(() => fs.mkdir(path.dirname(dest), { recursive: true }), 'create the model folder');
    // At most one restart from zero: after a 416 whose part is wrong, or a 206 for the wrong range.
    for (let attempt = 0; ; attempt++) {
      const offset = await io(() => sizeOf(part), 'read the partial download');
      let hash = createHash(checksum.algorithm);
      if (offset > 0) await hashFile(part, offset, hash, signal);

      armStallTimer();
      const fetchImpl = opts.fetchImpl ?? nodeFetch;
      const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
      const { response, finalUrl } = await followRedirects(fetchImpl, new URL(opts.url), headers, controller.signal).catch((error) => {
        throw classify(error, `could not download ${shortUrl(opts.url)}`);
      });
      const where = shortUrl(finalUrl.href);
      const discard = () => {
        clearTimeout(stallTimer);
        response.body.destroy();
      };
      const maxBytes = opts.maxBytes ?? Number.POSITIVE_INFINITY;
      const tooLarge = async (bytes: number | string) => {
        discard();
        await fs.rm(part, { force: true }).catch(() => undefined);
        return new ModelDownloadError('too-large', `${where} is ${bytes} bytes or more, larger than a speech model can be (${maxBytes})`);
      };

      let append: boolean;
      let totalBytes: number | null;
      if (response.status === 416 && offset > 0) {
        // The server has nothing after our part: it is complete (install it) or longer than the file.
        discard();
        if (hash.digest('hex') === expected) {
          opts.onProgress?.({ receivedBytes: offset, totalBytes: offset });
          return await install(part, dest);
        }
        if (attempt > 0) throw new ModelDownloadError('http-status', `HTTP 416 from ${where} for a fresh download`);
        await io(() => fs.rm(part, { force: true }), 'remove the partial download');
        continue;
      } else if (response.status === 206) {
        const range = parseContentRange(header(response, 'content-range'));
        if (!range || range.start !== offset) {
          // Not the bytes we asked for: start over without a Range rather than splice wrong data.
          discard();
          if (attempt > 0) throw new ModelDownloadError('http-status', `HTTP 206 from ${where} with an unexpected Content-Range`);
          await io(() => fs.rm(part, { force: true }), 'remove the partial download');
          continue;
        }
        append = true;
        totalBytes = range.total ?? lengthPlus(offset, header(response, 'content-length'));
      } else if (response.status === 200) {
        append = false; // a full body, either asked for or because the server ignored our Range
        hash = createHash(checksum.algorithm);
        totalBytes = lengthPlus(0, header(response, 'content-length'));
      } else {
        discard();
        throw new ModelDownloadError('http-status', `HTTP ${response.status} from ${where}`);
      }

      if (totalBytes !== null && totalBytes > maxBytes) throw await tooLarge(totalBytes);
      let received = append ? offset : 0;
      const progress = throttle(opts.onProgress);
      progress({ receivedBytes: received, totalBytes }, true);
      const handle = await io(() => fs.open(part, append ? 'a' : 'w'), 'open the partial download');
      // Node's request honours the signal itself; a fetchImpl's body may not, so destroy it here too.
      const stopBody = () => response.body.destroy(new Error('aborted'));
      controller.signal.addEventListener('abort', stopBody, { once: true });
      if (controller.signal.aborted) stopBody();
      try {
        for await (const chunk of response.body as AsyncIterable<Buffer>) {
          armStallTimer();
          if (received + chunk.length > maxBytes) throw await tooLarge(received + chunk.length);
          hash.update(chunk);
          await io(() => writeAll(handle, chunk), 'write the partial download').catch(async (error: unknown) => {
            // A full disk: the part cannot be finished here, and it holds the space the person needs.
            if (error instanceof ModelDownloadError && error.diskFull) await fs.rm(part, { force: true }).catch(() => undefined);
            throw error;
          });
          received += chunk.length;
          progress({ receivedBytes: received, totalBytes }, false);
        }
      } catch (error) {
        throw classify(error, `connection to ${where} lost after ${received} of ${totalBytes ?? '?'} bytes`);
      } finally {
        controller.signal.removeEventListener('abort', stopBody);
        await handle.close().catch(() => undefined);
      }
      clearTimeout(stallTimer);
      if (signal?.aborted) throw cancelled();
      if (totalBytes !== null && received !== totalBytes) {
        throw new ModelDownloadError('network', `connection to ${where} ended after ${received} of ${totalBytes} bytes`);
      }
      progress({ receivedBytes: received, totalBytes }, true);

      const actual = hash.digest('hex');
      if (actual !== expected) {
        await fs.rm(part, { force: true }).catch(() => undefined);
        throw new ModelDownloadError('checksum-mismatch', `${checksum.algorithm} of ${where} is ${actual}, expected ${expected}`);
      }
      return await install(part, dest);
    }
  } finally {
    clearTimeout(stallTimer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The default exchange: Node's http/https, with the signal destroying the request (and its response). */
export const nodeFetch: FetchImpl = (url, { headers, signal }) =>
  new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : url.protocol === 'http:' ? http : null;
    if (!transport) return reject(new ModelDownloadError('network', `unsupported protocol ${url.protocol} in ${shortUrl(url.href)}`));
    const request = transport.request(url, { headers: { 'user-agent': 'Rehearse', ...headers }, signal }, (res) =>
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res }),
    );
    request.on('error', reject);
    request.end();
  });

async function followRedirects(
  fetchImpl: FetchImpl,
  start: URL,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<{ response: FetchResponse; finalUrl: URL }> {
  let url = start;
  for (let hops = 0; ; hops++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new ModelDownloadError('network', `unsupported protocol ${url.protocol} in ${shortUrl(url.href)}`);
    }
    const response = await fetchImpl(url, { headers, signal });
    const location = header(response, 'location');
    if (!REDIRECT_STATUSES.has(response.status) || location === undefined) return { response, finalUrl: url };
    response.body.destroy();
    if (hops >= MAX_REDIRECTS) {
      throw new ModelDownloadError('http-status', `more than ${MAX_REDIRECTS} redirects from ${shortUrl(start.href)}`);
    }
    const next = new URL(location, url);
    // A secure download never continues in the clear, where anyone on the way could swap the file.
    if (url.protocol === 'https:' && next.protocol !== 'https:') {
      throw new ModelDownloadError(
        'network',
        `refused an insecure redirect from https to ${next.protocol.replace(':', '')} (${shortUrl(next.href)})`,
      );
    }
    url = next;
  }
}

async function install(part: string, dest: string): Promise<void> {
  await io(async () => {
    const handle = await fs.open(part, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await renameDurably(part, dest);
  }, 'install the downloaded model');
}

async function hashFile(file: string, length: number, hash: Hash, signal: AbortSignal | undefined): Promise<void> {
  try {
    for await (const chunk of createReadStream(file, { end: length - 1 }) as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw cancelled();
      hash.update(chunk);
    }
  } catch (error) {
    if (error instanceof ModelDownloadError) throw error;
    throw new ModelDownloadError('io', `could not read the partial download: ${describe(error)}`);
  }
}

async function writeAll(handle: fs.FileHandle, chunk: Buffer): Promise<void> {
  for (let written = 0; written < chunk.length;) {
    written += (await handle.write(chunk, written, chunk.length - written)).bytesWritten;
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

async function io<T>(action: () => Promise<T>, what: string): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!DISK_FULL.has((error as NodeJS.ErrnoException).code ?? ''))
      throw new ModelDownloadError('io', `could not ${what}: ${describe(error)}`);
    throw new ModelDownloadError('io', `the disk is full: could not ${what} (free some space and try again)`, true);
  }
}

/** Calls `onProgress` at most every ~100 ms unless a whole MiB arrived since the last call; `force` always calls. */
function throttle(onProgress: DownloadModelOptions['onProgress']) {
  let lastAt = 0;
  let lastBytes = 0;
  return (progress: DownloadProgress, force: boolean) => {
    if (!onProgress) return;
    const now = Date.now();
    if (!force && now - lastAt < PROGRESS_INTERVAL_MS && progress.receivedBytes - lastBytes < PROGRESS_BYTES) return;
    lastAt = now;
    lastBytes = progress.receivedBytes;
    onProgress({ ...progress });
  };
}

function header(response: FetchResponse, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseContentRange(value: string | undefined): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value?.trim() ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[3] === '*' ? null : Number(match[3]) };
}

function lengthPlus(offset: number, contentLength: string | undefined): number | null {
  return contentLength !== undefined && /^\d+$/.test(contentLength) ? offset + Number(contentLength) : null;
}

function cancelled(): ModelDownloadError {
  return new ModelDownloadError('cancelled', 'download cancelled; the partial file is kept to resume');
}

/** Scheme, host and path only: CDN redirect URLs carry long signed query strings. */
function shortUrl(href: string): string {
  try {
    const url = new URL(href);
    return `${url.origin}${url.pathname}`;
  } catch {
    return href;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  const message = error.message.split('\n')[0] ?? '';
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
