// The browser host on a real loopback socket: the renderer's files, the contract over a WebSocket that
// only our own origin may open, and take audio with Range support.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { TakeInfo } from '../shared/contract';
import { decodeResponse, encodeFrame, type WireResponse } from '../shared/wire';
import { createAppServices, type AppServices } from '../services/app-services';
import { CONTENT_SECURITY_POLICY } from '../services/security-policy';
import { startBrowserHost, WS_PATH, type BrowserHost } from './browser-host';

const FIXTURE = path.join(__dirname, '../services/audio/__fixtures__/mediarecorder-pcm.webm');
const INDEX_HTML = '<!doctype html><title>Rehearse test</title>';

let base: string;
let rendererDir: string;
let services: AppServices | null = null;
let host: BrowserHost | null = null;
let origin: string;
let port: number;
const sockets: WebSocket[] = [];
const servers: http.Server[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-host-'));
  rendererDir = path.join(base, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(base, 'secret.txt'), 'top secret');
  services = await createAppServices(path.join(base, 'data'), { version: 'test', host: 'browser' }, () => {});
  host = await startBrowserHost({ services, rendererDir, port: 0 });
  const url = new URL(host.url);
  origin = url.origin;
  port = Number(url.port);
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
  await host?.close();
  host = null;
  await services?.close();
  services = null;
  await rm(base, { recursive: true, force: true });
});

/** A raw GET, so that paths reach the server exactly as written (fetch would normalise `..`). */
function get(
  urlPath: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'GET', headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A contract client over the host's WebSocket, answering calls by frame id. */
class RpcSocket {
  private nextId = 1;
  private readonly pending = new Map<number | null, ((response: WireResponse) => void)[]>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const response = decodeResponse(new Uint8Array(data));
      const waiting = this.pending.get(response.id);
      const resolve = waiting?.shift();
      if (!resolve) throw new Error(`unexpected response ${JSON.stringify(response)}`);
      resolve(response);
    });
  }

  static open(originHeader: string | undefined = origin): Promise<RpcSocket> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, originHeader === undefined ? {} : { origin: originHeader });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new RpcSocket(socket)));
      socket.once('error', reject);
    });
  }

  /** Waits for the response with this id (null: a frame the host could not read). */
  response(id: number | null): Promise<WireResponse> {
    return new Promise((resolve) => {
      const waiting = this.pending.get(id) ?? [];
      waiting.push(resolve);
      this.pending.set(id, waiting);
    });
  }

  sendRaw(data: Uint8Array | string): void {
    this.socket.send(data, { binary: typeof data !== 'string' });
  }

  async call(channel: string, payload: unknown): Promise<WireResponse['result']> {
    const id = this.nextId++;
    const response = this.response(id);
    this.sendRaw(encodeFrame({ id, channel, payload }));
    return (await response).result;
  }
}

function valueOf<T>(result: WireResponse['result']): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Resolves with the HTTP status the server refused the upgrade with, or rejects if the socket opened. */
function refusedStatus(originHeader: string | undefined): Promise<number> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}${WS_PATH}`, originHeader === undefined ? {} : { origin: originHeader });
  sockets.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('open', () => reject(new Error(`a socket with Origin ${String(originHeader)} was accepted`)));
    socket.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.once('error', () => resolve(-1));
  });
}

describe('static files', () => {
  it('serves index.html at / with the content security policy', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body.toString('utf8')).toBe(INDEX_HTML);
  });

  it('serves a script with its type', async () => {
    const response = await get('/assets/app.js');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body.toString('utf8')).toBe('console.log(1)');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2e%2e%2fsecret.txt',
    '/index.html%00',
    '/%zz',
  ])('refuses the traversal %s with 404', async (urlPath) => {
    const response = await get(urlPath);
    expect(response.status).toBe(404);
    expect(response.body.toString('utf8')).not.toContain('top secret');
    expect(response.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('is 404 for a missing file and for a directory', async () => {
    expect((await get('/nope.js')).status).toBe(404);
    expect((await get('/assets')).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${port}`, `localhost:${port}`, `127.0.0.1:${port + 1}`]) {
      const response = await get('/', { host: hostHeader });
      expect(response.status, hostHeader).toBe(421);
      expect(response.body.toString('utf8')).not.toContain('Rehearse test');
    }
    expect((await get('/', { host: `127.0.0.1:${port}` })).status).toBe(200);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/', method: 'POST' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(status).toBe(405);
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host?.url ?? '').hostname).toBe('127.0.0.1');
  });
});

describe('the /rpc WebSocket', () => {
  it('answers app.info over MessagePack to our own origin', async () => {
    const rpc = await RpcSocket.open(origin);
    expect(await rpc.call('app.info', {})).toEqual({ ok: true, value: { version: 'test', host: 'browser' } });
  });

  it.each([
    ['a foreign site', 'http://evil.example'],
    ['another port on loopback', 'OTHER_PORT'],
    ['localhost instead of 127.0.0.1', 'LOCALHOST'],
    ['https on our port', 'HTTPS'],
    ['the string "null"', 'null'],
  ])('refuses %s', async (_label, originHeader) => {
    const value =
      originHeader === 'OTHER_PORT'
        ? `http://127.0.0.1:${port === 65535 ? port - 1 : port + 1}`
        : originHeader === 'LOCALHOST'
          ? `http://localhost:${port}`
          : originHeader === 'HTTPS'
            ? `https://127.0.0.1:${port}`
            : originHeader;
    const status = await refusedStatus(value);
    expect(status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a socket without an Origin header', async () => {
    expect(await refusedStatus(undefined)).toBeGreaterThanOrEqual(400);
  });

  it('refuses a page of another loopback server (a real other port)', async () => {
    const other = http.createServer((_req, res) => res.end());
    servers.push(other);
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', () => resolve()));
    const otherPort = (other.address() as AddressInfo).port;
    expect(await refusedStatus(`http://127.0.0.1:${otherPort}`)).toBeGreaterThanOrEqual(400);
  });

  it('answers a frame that is not MessagePack with bad-request, and stays usable', async () => {
    const rpc = await RpcSocket.open();
    const response = rpc.response(null);
    rpc.sendRaw(new Uint8Array([0xc1, 0xc1, 0xc1]));
    expect((await response).result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await rpc.call('app.info', {})).toMatchObject({ ok: true });
  });

  it('answers a text frame with bad-request, and stays usable', async () => {
    const rpc = await RpcSocket.open();
    const response = rpc.response(null);
    rpc.sendRaw(JSON.stringify({ id: 1, channel: 'app.info', payload: {} }));
    expect((await response).result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await rpc.call('app.info', {})).toMatchObject({ ok: true });
  });

  it('answers a frame without an id with bad-request naming the id, and stays usable', async () => {
    const rpc = await RpcSocket.open();
    const response = rpc.response(null);
    rpc.sendRaw(encodeFrame({ channel: 'app.info', payload: {} } as never));
    const { result } = await response;
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    if (!result.ok) expect(result.error.message).toContain('id');
    expect(await rpc.call('app.info', {})).toMatchObject({ ok: true });
  });

  it('answers an unknown channel and a bad payload under the frame id', async () => {
    const rpc = await RpcSocket.open();
    expect(await rpc.call('fs.readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    const bad = await rpc.call('recording.start', { questionId: 'q1', extra: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await rpc.call('app.info', {})).toMatchObject({ ok: true });
  });
});

describe('take audio at /media/', () => {
  async function recordFixtureTake(rpc: RpcSocket): Promise<TakeInfo> {
    const { takeId } = valueOf<{ takeId: string }>(await rpc.call('recording.start', { questionId: 'q-host' }));
    const webm = new Uint8Array(await readFile(FIXTURE));
    const chunk = 16 * 1024;
    const calls: Promise<WireResponse['result']>[] = [];
    for (let seq = 0, at = 0; at < webm.length; seq++, at += chunk) {
      calls.push(rpc.call('recording.chunk', { takeId, seq, bytes: webm.slice(at, at + chunk) }));
    }
    for (const result of await Promise.all(calls)) valueOf(result);
    return valueOf<TakeInfo>(await rpc.call('recording.stop', { takeId }));
  }

  it('serves a take recorded through the socket, whole and by range', async () => {
    const rpc = await RpcSocket.open();
    const take = await recordFixtureTake(rpc);
    expect(take.status).toBe('complete');
    expect(take.durationMs).toBeGreaterThan(2_500);

    const listed = valueOf<TakeInfo[]>(await rpc.call('recordings.list', {}));
    expect(listed.map((t) => t.takeId)).toEqual([take.takeId]);

    const whole = await get(`/media/${take.fileName}`);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(Number(whole.headers['content-length'])).toBe(take.bytes);
    expect(whole.body.length).toBe(take.bytes);
    expect(whole.body.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(whole.body.subarray(8, 12).toString('latin1')).toBe('WAVE');

    const ranged = await get(`/media/${take.fileName}`, { range: 'bytes=100-199' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-range']).toBe(`bytes 100-199/${take.bytes}`);
    expect(ranged.body.equals(whole.body.subarray(100, 200))).toBe(true);

    const tail = await get(`/media/${take.fileName}`, { range: 'bytes=-44' });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(whole.body.subarray(take.bytes - 44))).toBe(true);

    const beyond = await get(`/media/${take.fileName}`, { range: `bytes=${take.bytes}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${take.bytes}`);
  });

  it('does not serve a take still being recorded, nor paths that are not take files', async () => {
    const rpc = await RpcSocket.open();
    const { takeId, fileName } = valueOf<{ takeId: string; fileName: string }>(await rpc.call('recording.start', { questionId: 'q-live' }));
    expect((await get(`/media/${fileName}`)).status).toBe(404);
    expect((await get(`/media/${takeId}.wav.partial`)).status).toBe(404);
    expect((await get(`/media/${takeId}.json`)).status).toBe(404);
    expect((await get('/media/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('/media/take-abc/..%2f..%2fetc.wav')).status).toBe(404);
  });
});

/** How many of this process's file descriptors are open on `filePath` (Linux: /proc/self/fd). */
async function openDescriptorsOn(filePath: string): Promise<number> {
  let count = 0;
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    if (target === filePath) count++;
  }
  return count;
}

/** Sends a request and hangs up as soon as the first bytes of the body arrive, as a seeking player does. */
function abortAfterFirstBytes(urlPath: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, headers, agent: false }, (res) => {
      res.once('data', () => {
        req.destroy();
        resolve(res.statusCode ?? 0);
      });
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    req.end();
  });
}

function head(urlPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'HEAD', agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

// A file far larger than the socket buffers, so a request that hangs up leaves most of it unsent.
const BIG = 32 * 1024 * 1024;

describe.skipIf(!existsSync('/proc/self/fd'))('file handles (Linux)', () => {
  async function bigTake(): Promise<string> {
    const filePath = services?.recording.store.wavPath('take-big00001') ?? '';
    await writeFile(filePath, Buffer.alloc(BIG));
    return filePath;
  }

  it('closes the take file after a complete GET (control)', async () => {
    const filePath = await bigTake();
    const response = await get('/media/take-big00001.wav');
    expect(response.body.length).toBe(BIG);
    await vi.waitFor(async () => expect(await openDescriptorsOn(filePath)).toBe(0), { timeout: 3_000, interval: 50 });
  });

  it('does not keep the take file open after HEAD requests', async () => {
    const filePath = await bigTake();
    for (let i = 0; i < 3; i++) expect(await head('/media/take-big00001.wav')).toBe(200);
    await vi.waitFor(async () => expect(await openDescriptorsOn(filePath)).toBe(0), { timeout: 3_000, interval: 50 });
  });

  it('does not keep the take file open after a player hangs up mid-response (seeking)', async () => {
    const filePath = await bigTake();
    for (let i = 0; i < 3; i++) expect(await abortAfterFirstBytes('/media/take-big00001.wav', { range: 'bytes=1000-' })).toBe(206);
    await vi.waitFor(async () => expect(await openDescriptorsOn(filePath)).toBe(0), { timeout: 3_000, interval: 50 });
  });

  it('does not keep a renderer file open after the browser hangs up mid-response', async () => {
    const filePath = path.join(rendererDir, 'assets', 'big.js');
    await writeFile(filePath, Buffer.alloc(BIG));
    for (let i = 0; i < 3; i++) expect(await abortAfterFirstBytes('/assets/big.js')).toBe(200);
    await vi.waitFor(async () => expect(await openDescriptorsOn(filePath)).toBe(0), { timeout: 3_000, interval: 50 });
  });
});
