// The browser host: the built renderer, the take audio and the contract's services on one loopback
// HTTP server, so the same app runs in a browser (and the e2e suite drives it where no Electron
// binary exists). Only pages of our own origin may open the WebSocket.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import { MAX_SAVE_BYTES, MAX_SAVE_MANY_BYTES } from '../shared/contract';
import { decodeRequest, encodeFrame, type WireResponse } from '../shared/wire';
import type { AppServices } from '../services/app-services';
import { appResponse } from '../services/app-response';
import { isSameOrigin } from '../services/security-policy';

export const WS_PATH = '/rpc';
// The largest request the contract allows (files.saveMany's files; backups never travel here: main
// reads and writes them itself) and its frame around it.
const MAX_FRAME_BYTES = Math.max(MAX_SAVE_BYTES, MAX_SAVE_MANY_BYTES) + 1024 * 1024;

export interface BrowserHost {
  url: string;
  close(): Promise<void>;
}

export async function startBrowserHost(options: { services: AppServices; rendererDir: string; port?: number }): Promise<BrowserHost> {
  const { services, rendererDir } = options;
  let origin = '';

  const server = http.createServer((req, res) => {
    void serveHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  async function serveHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    // Answer only requests addressed to us by IP: a DNS-rebound name pointing at 127.0.0.1 is refused.
    if (req.headers.host !== new URL(origin).host) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const served = await appResponse({ rendererDir, store: services.recording.store }, url.pathname, req.headers.range);
    res.writeHead(served.status, { ...served.headers, 'cross-origin-resource-policy': 'same-origin' });
    send(req, res, served.body);
  }

  const wss = new WebSocketServer({
    server,
    path: WS_PATH,
    maxPayload: MAX_FRAME_BYTES,
    verifyClient: ({ origin: requestOrigin }: { origin: string }) => isSameOrigin(requestOrigin ?? '', origin),
  });
  wss.on('connection', (socket) => {
    socket.on('message', (data: RawData, isBinary: boolean) => {
      const bytes = isBinary ? toBytes(data) : new Uint8Array(0);
      const request = decodeRequest(bytes);
      const reply = (response: WireResponse) => {
        if (socket.readyState === socket.OPEN) socket.send(encodeFrame(response));
      };
      if ('result' in request) {
        reply(request);
        return;
      }
      void services.dispatch(request.channel, request.payload).then((result) => reply({ id: request.id, result }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: `${origin}/`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Streams a body to the response; the file is closed when the client hangs up mid-way, and HEAD opens none. */
function send(req: http.IncomingMessage, res: http.ServerResponse, body: Readable | null): void {
  if (req.method === 'HEAD' || !body) {
    body?.destroy();
    res.end();
    return;
  }
  pipeline(body, res, () => undefined);
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return data;
}
