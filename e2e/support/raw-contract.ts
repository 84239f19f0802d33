// Calls the app's contract the way a page can: raw frames over the browser host's WebSocket, or the
// preload's invoke in Electron. For specs that check validation, or watch main's state directly.
import { decode, encode } from '@msgpack/msgpack';
import type { Page } from '@playwright/test';
import type { AppUnderTest } from '../fixtures';

export interface Outcome {
  ok: boolean;
  error?: { code: string; message: string };
  value?: unknown;
}

/** Sends raw frames over a new WebSocket from the page (same origin as the app) and returns the replies. */
export async function sendFrames(page: Page, frames: { bytes: number[]; text?: boolean }[]): Promise<Outcome[]> {
  const replies = await page.evaluate(async (toSend) => {
    const socket = new WebSocket(`ws://${location.host}/rpc`);
    socket.binaryType = 'arraybuffer';
    await new Promise((resolve, reject) => {
      socket.onopen = resolve;
      socket.onerror = reject;
    });
    const received: number[][] = [];
    const done = new Promise<void>((resolve) => {
      socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
        received.push([...new Uint8Array(event.data)]);
        if (received.length === toSend.length) resolve();
      };
    });
    for (const frame of toSend)
      socket.send(frame.text ? new TextDecoder().decode(new Uint8Array(frame.bytes)) : new Uint8Array(frame.bytes));
    await done;
    socket.close();
    return received;
  }, frames);
  return replies.map((bytes) => (decode(new Uint8Array(bytes)) as { result: Outcome }).result);
}

/** Calls a channel with an arbitrary payload through the target's own transport. */
export async function invokeRaw(app: AppUnderTest, channel: string, payload: unknown): Promise<Outcome> {
  if (app.target === 'electron') {
    return app.page.evaluate(
      ([c, p]) => (window as unknown as { rehearse: { invoke(c: unknown, p: unknown): Promise<Outcome> } }).rehearse.invoke(c, p),
      [channel, payload] as const,
    );
  }
  const [reply] = await sendFrames(app.page, [{ bytes: [...encode({ id: 1, channel, payload })] }]);
  return reply!;
}
