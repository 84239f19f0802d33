// The contract over the browser host's WebSocket, for when the app runs in a plain browser. Calls made
// while the socket is down wait for it (it reconnects by itself); a call the host never answered
// because the connection dropped fails with a clear error instead of hanging.
import type { Channel, RehearseApi, Request, Response, Result } from '../../../electron/shared/contract';
import { decodeResponse, encodeFrame } from '../../../electron/shared/wire';

type Pending = (result: Result<unknown>) => void;

export class WsTransport implements RehearseApi {
  private socket: WebSocket | null = null;
  private opened: Promise<WebSocket> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly url: string) {}

  async invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>> {
    let socket: WebSocket;
    try {
      socket = await this.connect();
    } catch {
      return { ok: false, error: { code: 'internal', message: `cannot reach the Rehearse host at ${this.url}` } };
    }
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as Pending);
      socket.send(encodeFrame({ id, channel, payload: request }) as Uint8Array<ArrayBuffer>);
    });
  }

  private connect(): Promise<WebSocket> {
    if (this.socket?.readyState === WebSocket.OPEN) return Promise.resolve(this.socket);
    if (this.opened) return this.opened;
    this.opened = new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(this.url);
      socket.binaryType = 'arraybuffer';
      socket.onopen = () => {
        this.socket = socket;
        resolve(socket);
      };
      socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
        const response = decodeResponse(new Uint8Array(event.data));
        if (response.id === null) return;
        this.pending.get(response.id)?.(response.result);
        this.pending.delete(response.id);
      };
      socket.onclose = () => {
        this.socket = null;
        this.opened = null;
        for (const [id, settle] of this.pending) {
          settle({ ok: false, error: { code: 'internal', message: 'the connection to the Rehearse host was lost' } });
          this.pending.delete(id);
        }
        reject(new Error('closed'));
      };
    });
    return this.opened;
  }
}
