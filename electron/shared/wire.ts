// How contract calls travel over the browser host's WebSocket: MessagePack frames, because audio
// chunks are bytes and MessagePack carries them as they are (JSON would need base64).
import { decode, encode } from '@msgpack/msgpack';
import type { Result } from './contract';

export interface WireRequest {
  id: number;
  channel: string;
  payload: unknown;
}

export interface WireResponse {
  id: number | null;
  result: Result<unknown>;
}

export const encodeFrame = (frame: WireRequest | WireResponse): Uint8Array => encode(frame);

/** Reads a request frame; anything else becomes a bad-request response, never an exception. */
export function decodeRequest(data: Uint8Array): WireRequest | WireResponse {
  let frame: unknown;
  try {
    frame = decode(data);
  } catch (error) {
    return badFrame(null, `not a MessagePack frame (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof frame !== 'object' || frame === null) return badFrame(null, 'a frame must be an object { id, channel, payload }');
  const { id, channel, payload } = frame as Record<string, unknown>;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return badFrame(null, 'frame.id must be an integer');
  if (typeof channel !== 'string') return badFrame(id, 'frame.channel must be a string');
  return { id, channel, payload };
}

export function decodeResponse(data: Uint8Array): WireResponse {
  return decode(data) as WireResponse;
}

function badFrame(id: number | null, message: string): WireResponse {
  return { id, result: { ok: false, error: { code: 'bad-request', message } } };
}
