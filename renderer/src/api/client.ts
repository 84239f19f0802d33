// The one API object the renderer uses: Electron's preload bridge when present, otherwise the browser
// host's WebSocket on the page's own origin. Both implement the same typed contract.
import type { Channel, RehearseApi, Request, Response } from '../../../electron/shared/contract';
import { WsTransport } from './ws-transport';

declare global {
  interface Window {
    rehearse?: RehearseApi;
  }
}

export const api: RehearseApi =
  window.rehearse ?? new WsTransport(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/rpc`);

/** Calls a channel and returns its value, or throws an Error with main's message. */
export async function call<C extends Channel>(channel: C, request: Request<C>): Promise<Response<C>> {
  const result = await api.invoke(channel, request);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}
