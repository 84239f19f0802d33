// A response to a request for one of our files, before it meets a transport: Electron's app protocol
// turns it into a web Response, the browser host writes it to its HTTP socket.
import { Readable } from 'node:stream';

export interface FileResponse {
  status: number;
  headers: Record<string, string>;
  /** The bytes to send, opened only for a file that is served; null when there are none. */
  body: Readable | null;
}

/** A short plain-text answer. Its body is bytes, not a string: a web Response (Electron's protocol) takes only bytes. */
export function textResponse(status: number, text: string): FileResponse {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Readable.from([Buffer.from(text, 'utf8')]) };
}
