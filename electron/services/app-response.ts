// What our origin answers for a URL path, the same in Electron's `rehearse://app` protocol and the
// browser host's HTTP server: a take's audio under MEDIA_PATH, otherwise a file of the built renderer,
// always with the security headers. The hosts only check who is asking and move the bytes.
import { MEDIA_PATH } from '../shared/contract';
import { textResponse, type FileResponse } from './file-response';
import { mediaResponse } from './media/media-response';
import type { TakeStore } from './recordings/take-store';
import { SECURITY_HEADERS } from './security-policy';
import { staticFileResponse } from './static-files';

export interface AppFiles {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** Where finished takes are. */
  store: TakeStore;
}

const secured = (response: FileResponse): FileResponse => ({ ...response, headers: { ...response.headers, ...SECURITY_HEADERS } });

export async function appResponse(files: AppFiles, urlPath: string, rangeHeader?: string | null): Promise<FileResponse> {
  if (urlPath.startsWith(MEDIA_PATH)) return secured(await mediaResponse(files.store, urlPath.slice(MEDIA_PATH.length), rangeHeader));
  return secured(await staticFileResponse(files.rendererDir, urlPath));
}

/** The answer to a request we refuse to look at (not addressed to our origin). */
export function notFoundResponse(): FileResponse {
  return secured(textResponse(404, 'not found'));
}
