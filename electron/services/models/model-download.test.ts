// Downloads against a local HTTP server only (127.0.0.1, port 0) that serves the real test models with
// Range support and can misbehave on demand: drop the connection, ignore Range, corrupt bytes, redirect,
// fail with a status, or stall.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadModel, ModelDownloadError, partPathFor, type DownloadProgress, type FetchImpl } from './model-download';

const TINY = readFileSync('/work/shared/models/for-tests-ggml-tiny.en.bin');
const BASE = readFileSync('/work/shared/models/for-tests-ggml-base.en.bin');
const TINY_SHA256 = { algorithm: 'sha256', hex: 'dd6b7796204a1cdf7164666423034e6e1a7a3e9f5c22327b4b7974c4584bd82d' } as const;
const BASE_SHA256 = { algorithm: 'sha256', hex: '1bc042ca584ff1895897e95bffb34ccf357be46c1fca97cf7fbe32f2060aa9e8' } as const;

interface Behaviour {
  /** Send this many body bytes, then (once `dropWhen` resolves) destroy the socket. */
  dropAfter?: number;
  dropWhen?: () => Promise<void>;
  ignoreRange?: boolean;
  corrupt?: boolean;
  /** Send this many body bytes, then nothing more until the client gives up. */
  stallAfter?: number;
  status?: number;
  /** Never answer at all, not even headers. */
  silent?: boolean;
}

interface TestServer {
  url: (pathname: string) => string;
  /** Every request for a model file: its path and Range header, in order. */
  requests: { path: string; range: string | null }[];
  behaviour: Behaviour;
  close: () => Promise<void>;
}

async function startServer(): Promise<TestServer> {
  const requests: TestServer['requests'] = [];
  const behaviour: Behaviour = {};
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const redirect = /^\/redirect\/(\d+)$/.exec(pathname);
    if (redirect) {
      const left = Number(redirect[1]);
      // Alternate relative and absolute Location headers, as CDNs do both.
      const next = left > 1 ? `/redirect/${left - 1}` : '/models/tiny.bin';
      res.writeHead(302, { location: left % 2 === 0 ? `http://127.0.0.1:${port()}${next}` : next }).end();
      return;
    }
    const file = pathname === '/models/tiny.bin' ? TINY : pathname === '/models/base.bin' ? BASE : null;
    if (!file) return void res.writeHead(404).end('not found');
    requests.push({ path: pathname, range: req.headers.range ?? null });
    if (behaviour.silent) return;
    if (behaviour.status) return void res.writeHead(behaviour.status).end('nope');

    let body = behaviour.corrupt ? Buffer.from(file) : file;
    if (behaviour.corrupt) body[1000] = (body[1000] as number) ^ 0xff;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range && !behaviour.ignoreRange) {
      const start = Number(range[1]);
      if (start >= body.length) return void res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      res.writeHead(206, { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}`, 'content-length': body.length - start });
      body = body.subarray(start);
    } else {
      res.writeHead(200, { 'content-length': body.length });
    }
    const cut = behaviour.dropAfter ?? behaviour.stallAfter;
    if (cut === undefined) return void res.end(body);
    res.write(body.subarray(0, cut), () => {
      if (behaviour.stallAfter !== undefined) return; // hang: the client must give up
      void (behaviour.dropWhen?.() ?? Promise.resolve()).then(() => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = () => (server.address() as AddressInfo).port;
  return {
    url: (pathname) => `http://127.0.0.1:${port()}${pathname}`,
    requests,
    behaviour,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let dir: string;
let dest: string;
let part: string;
let server: TestServer;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-download-'));
  dest = path.join(dir, 'models', 'ggml-tiny.en.bin');
  part = partPathFor(dest);
  server = await startServer();
});

afterEach(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once the part file on disk holds at least `bytes` bytes. */
async function partReaches(bytes: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!(existsSync(part) && statSync(part).size >= bytes)) {
    if (Date.now() > deadline) throw new Error(`part never reached ${bytes} bytes`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function failure(promise: Promise<unknown>): Promise<ModelDownloadError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelDownloadError);
  return error as ModelDownloadError;
}

const tiny = (extra: Partial<Parameters<typeof downloadModel>[0]> = {}) =>
  downloadModel({ url: server.url('/models/tiny.bin'), dest, checksum: TINY_SHA256, ...extra });

async function expectInstalled(expected: Buffer = TINY): Promise<void> {
  expect((await readFile(dest)).equals(expected)).toBe(true);
  expect(existsSync(part)).toBe(false);
}

describe('downloadModel', () => {
  it('downloads, verifies and installs a model, reporting progress up to the total', async () => {
    const seen: DownloadProgress[] = [];
    await tiny({ onProgress: (p) => seen.push(p) });
    await expectInstalled();
    expect(server.requests).toEqual([{ path: '/models/tiny.bin', range: null }]);
    expect(seen[0]).toEqual({ receivedBytes: 0, totalBytes: TINY.length });
    expect(seen.at(-1)).toEqual({ receivedBytes: TINY.length, totalBytes: TINY.length });
    const received = seen.map((p) => p.receivedBytes);
    expect([...received].sort((a, b) => a - b)).toEqual(received);
  });

  it('verifies with SHA-1 too, the algorithm of the catalog checksums', async () => {
    await downloadModel({
      url: server.url('/models/base.bin'),
      dest,
      checksum: { algorithm: 'sha1', hex: createHash('sha1').update(BASE).digest('hex') },
    });
    await expectInstalled(BASE);
    expect(
      createHash('sha256')
        .update(await readFile(dest))
        .digest('hex'),
    ).toBe(BASE_SHA256.hex);
  });

  it('keeps the part when the connection drops mid-body, and the retry resumes it with a Range request', async () => {
    const cut = 200_001;
    server.behaviour.dropAfter = cut;
    server.behaviour.dropWhen = () => partReaches(cut); // drop only once the client has written what was sent
    const error = await failure(tiny());
    expect(error.code).toBe('network');
    expect(error.message).not.toContain('\n');
    expect((await stat(part)).size).toBe(cut);
    expect((await readFile(part)).equals(TINY.subarray(0, cut))).toBe(true);
    expect(existsSync(dest)).toBe(false);

    server.behaviour.dropAfter = undefined;
    const seen: DownloadProgress[] = [];
    await tiny({ onProgress: (p) => seen.push(p) });
    await expectInstalled();
    expect(server.requests).toEqual([
      { path: '/models/tiny.bin', range: null },
      { path: '/models/tiny.bin', range: `bytes=${cut}-` },
    ]);
    expect(seen[0]).toEqual({ receivedBytes: cut, totalBytes: TINY.length });
  });

  it('starts over when the server ignores the Range and answers 200', async () => {
    await downloadDirReady();
    await writeFile(part, Buffer.alloc(100_000, 0xaa)); // garbage: appending to it would fail the checksum
    server.behaviour.ignoreRange = true;
    await tiny();
    await expectInstalled();
    expect(server.requests).toEqual([{ path: '/models/tiny.bin', range: 'bytes=100000-' }]);
  });

  it('hashes the resumed prefix too: a bad part fails the checksum and is removed', async () => {
    await downloadDirReady();
    const prefix = Buffer.from(TINY.subarray(0, 100_000));
    prefix[10] = (prefix[10] as number) ^ 0xff;
    await writeFile(part, prefix);
    const error = await failure(tiny());
    expect(error.code).toBe('checksum-mismatch');
    expect(existsSync(part)).toBe(false);
    expect(existsSync(dest)).toBe(false);
    expect(server.requests).toEqual([{ path: '/models/tiny.bin', range: 'bytes=100000-' }]);
  });

  it('fails a corrupted download with expected and actual digests, leaving no file', async () => {
    server.behaviour.corrupt = true;
    const corrupted = Buffer.from(TINY);
    corrupted[1000] = (corrupted[1000] as number) ^ 0xff;
    const error = await failure(tiny());
    expect(error.code).toBe('checksum-mismatch');
    expect(error.message).toContain(TINY_SHA256.hex);
    expect(error.message).toContain(createHash('sha256').update(corrupted).digest('hex'));
    expect(existsSync(dest)).toBe(false);
    expect(existsSync(part)).toBe(false);
  });

  it('installs a part that is already complete when the server answers 416', async () => {
    await downloadDirReady();
    await writeFile(part, TINY);
    await tiny();
    await expectInstalled();
    expect(server.requests).toEqual([{ path: '/models/tiny.bin', range: `bytes=${TINY.length}-` }]);
  });

  it('restarts from zero when a 416 comes back for a part longer than the file', async () => {
    await downloadDirReady();
    await writeFile(part, Buffer.concat([TINY, Buffer.from('junk')]));
    await tiny();
    await expectInstalled();
    expect(server.requests).toEqual([
      { path: '/models/tiny.bin', range: `bytes=${TINY.length + 4}-` },
      { path: '/models/tiny.bin', range: null },
    ]);
  });

  it('follows up to 5 redirects, relative and absolute, keeping the Range header', async () => {
    await downloadDirReady();
    await writeFile(part, TINY.subarray(0, 4096));
    await downloadModel({ url: server.url('/redirect/5'), dest, checksum: TINY_SHA256 });
    await expectInstalled();
    expect(server.requests).toEqual([{ path: '/models/tiny.bin', range: 'bytes=4096-' }]);
  });

  it('refuses a sixth redirect', async () => {
    const error = await failure(downloadModel({ url: server.url('/redirect/6'), dest, checksum: TINY_SHA256 }));
    expect(error.code).toBe('http-status');
    expect(error.message).toMatch(/more than 5 redirects/);
    expect(server.requests).toEqual([]);
  });

  it.each([404, 500])('turns HTTP %i into a one-line http-status error and writes nothing', async (status) => {
    server.behaviour.status = status;
    const error = await failure(tiny());
    expect(error.code).toBe('http-status');
    expect(error.message).toBe(`HTTP ${status} from ${server.url('/models/tiny.bin')}`);
    expect(existsSync(part)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('reports a refused connection as a network error', async () => {
    const url = server.url('/models/tiny.bin');
    await server.close();
    const error = await failure(downloadModel({ url, dest, checksum: TINY_SHA256 }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain('\n');
  });

  it('cancels a stalled download promptly, keeps the part, and a later call resumes it', async () => {
    server.behaviour.stallAfter = 150_000;
    const controller = new AbortController();
    const download = tiny({ signal: controller.signal });
    await partReaches(150_000);
    const abortedAt = Date.now();
    controller.abort();
    const error = await failure(download);
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(error.code).toBe('cancelled');
    expect((await readFile(part)).equals(TINY.subarray(0, 150_000))).toBe(true);
    expect(existsSync(dest)).toBe(false);

    server.behaviour.stallAfter = undefined;
    await tiny();
    await expectInstalled();
    expect(server.requests.map((r) => r.range)).toEqual([null, 'bytes=150000-']);
  });

  it('cancels promptly while still waiting for the response headers', async () => {
    server.behaviour.silent = true;
    const controller = new AbortController();
    const download = tiny({ signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const abortedAt = Date.now();
    controller.abort();
    expect((await failure(download)).code).toBe('cancelled');
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(existsSync(part)).toBe(false);
  });

  it('gives up on a stalled server after the stall timeout, keeping the part', async () => {
    server.behaviour.stallAfter = 50_000;
    const error = await failure(tiny({ stallTimeoutMs: 300 }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/no data for 300 ms/);
    expect((await stat(part)).size).toBe(50_000);
  });

  it('keeps going while data trickles in more slowly in total than the stall timeout', async () => {
    async function* trickle() {
      for (let i = 0; i < 6; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        yield TINY.subarray((i * TINY.length) / 6, ((i + 1) * TINY.length) / 6);
      }
    }
    const fetchImpl: FetchImpl = async () => ({
      status: 200,
      headers: { 'content-length': String(TINY.length) },
      body: Readable.from(trickle()),
    });
    await downloadModel({ url: 'http://models.invalid/x.bin', dest, checksum: TINY_SHA256, fetchImpl, stallTimeoutMs: 300 });
    await expectInstalled();
  });

  it('does nothing when the signal is already aborted', async () => {
    const error = await failure(tiny({ signal: AbortSignal.abort() }));
    expect(error.code).toBe('cancelled');
    expect(server.requests).toEqual([]);
  });

  it('reports progress at most every ~100 ms or 1 MiB, always ending on the total', async () => {
    const data = Buffer.alloc(4 * 1024 * 1024, 7);
    const chunks = Array.from({ length: 256 }, (_, i) => data.subarray(i * 16_384, (i + 1) * 16_384));
    const fetchImpl: FetchImpl = async () => ({
      status: 200,
      headers: { 'content-length': String(data.length) },
      body: Readable.from(chunks),
    });
    const seen: DownloadProgress[] = [];
    await downloadModel({
      url: 'http://models.invalid/x.bin',
      dest,
      checksum: { algorithm: 'sha256', hex: createHash('sha256').update(data).digest('hex') },
      fetchImpl,
      onProgress: (p) => seen.push(p),
    });
    expect((await readFile(dest)).equals(data)).toBe(true);
    // One at the start, one per MiB (fast as this is, 100 ms rarely passes), one at the end; never 256.
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.length).toBeLessThanOrEqual(12);
    expect(seen.at(-1)).toEqual({ receivedBytes: data.length, totalBytes: data.length });
  });

  it('starts over when a 206 answers with a range other than the one asked for', async () => {
    await downloadDirReady();
    await writeFile(part, TINY.subarray(0, 1000));
    const asked: (string | undefined)[] = [];
    const fetchImpl: FetchImpl = async (_url, { headers }) => {
      asked.push(headers.range);
      if (headers.range) {
        const headersOut = { 'content-range': `bytes 0-${TINY.length - 1}/${TINY.length}`, 'content-length': String(TINY.length) };
        return { status: 206, headers: headersOut, body: Readable.from([TINY]) };
      }
      return { status: 200, headers: { 'content-length': String(TINY.length) }, body: Readable.from([TINY]) };
    };
    await downloadModel({ url: 'http://models.invalid/x.bin', dest, checksum: TINY_SHA256, fetchImpl });
    await expectInstalled();
    expect(asked).toEqual(['bytes=1000-', undefined]);
  });

  it('treats a body that ends short of Content-Length as a dropped connection', async () => {
    const fetchImpl: FetchImpl = async () => ({
      status: 200,
      headers: { 'content-length': String(TINY.length) },
      body: Readable.from([TINY.subarray(0, 1000)]),
    });
    const error = await failure(downloadModel({ url: 'http://models.invalid/x.bin', dest, checksum: TINY_SHA256, fetchImpl }));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/1000 of 586836 bytes/);
    expect((await stat(part)).size).toBe(1000);
  });
});

describe('downloadModel: what it refuses', () => {
  it('refuses a redirect from https to http, requesting nothing over http', async () => {
    const asked: string[] = [];
    const fetchImpl: FetchImpl = async (url) => {
      asked.push(url.href);
      if (url.protocol === 'https:') return { status: 302, headers: { location: 'http://models.test/x.bin' }, body: Readable.from([]) };
      return { status: 200, headers: { 'content-length': String(TINY.length) }, body: Readable.from([TINY]) };
    };
    const error = await failure(downloadModel({ url: 'https://models.test/x.bin', dest, checksum: TINY_SHA256, fetchImpl }));
    expect(error.message).toMatch(/https.*to http|insecure/i);
    expect(asked).toEqual(['https://models.test/x.bin']);
    expect(existsSync(part)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('refuses a file larger than the bound it was given, by its Content-Length, writing nothing', async () => {
    const fetchImpl: FetchImpl = async () => ({
      status: 200,
      headers: { 'content-length': String(TINY.length) },
      body: Readable.from([TINY]),
    });
    const error = await failure(
      downloadModel({ url: 'http://models.invalid/x.bin', dest, checksum: TINY_SHA256, fetchImpl, maxBytes: TINY.length - 1 }),
    );
    expect(error.code).toBe('too-large');
    expect(existsSync(part)).toBe(false);
  });

  it('stops a body with no length once it passes the bound, and removes what it wrote', async () => {
    async function* endless() {
      for (;;) yield Buffer.alloc(64 * 1024, 1);
    }
    const fetchImpl: FetchImpl = async () => ({ status: 200, headers: {}, body: Readable.from(endless()) });
    const error = await failure(
      downloadModel({ url: 'http://models.invalid/x.bin', dest, checksum: TINY_SHA256, fetchImpl, maxBytes: 1024 * 1024 }),
    );
    expect(error.code).toBe('too-large');
    expect(existsSync(part)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });

  it('a full disk fails with a clear message and leaves no partial file', async () => {
    const probe = await open(path.join(dir, 'probe'), 'w');
    await probe.close();
    const proto = Object.getPrototypeOf(probe) as { write: (...args: unknown[]) => Promise<unknown> };
    vi.spyOn(proto, 'write').mockImplementation(async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    try {
      const error = await failure(tiny());
      expect(error.code).toBe('io');
      expect(error.message).toMatch(/disk is full/i);
    } finally {
      vi.mocked(proto.write).mockRestore();
    }
    expect(existsSync(part)).toBe(false);
    expect(existsSync(dest)).toBe(false);
  });
});

/** The download creates the models folder itself; tests that plant a part first need it earlier. */
async function downloadDirReady(): Promise<void> {
  await mkdir(path.dirname(dest), { recursive: true });
}
