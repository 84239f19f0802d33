// Maps a URL path to a file inside the built renderer, refusing anything that would leave it or is not
// a file, and names its content type. Used by Electron's app protocol and by the browser host's HTTP
// server (through ./app-response), so both serve exactly the same files.
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { textResponse, type FileResponse } from './file-response';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeOf(filePath: string): string {
  return TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a URL path names under `root` (`/` is index.html), or null when it would escape `root`. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const resolved = path.resolve(root, relative);
  const rootWithSep = path.resolve(root) + path.sep;
  return resolved.startsWith(rootWithSep) ? resolved : null;
}

/**
 * The renderer's file a URL path names, or 404: for a path outside `root`, a missing file, and a
 * directory (whose listing a `file://` fetch would show). The file is opened only when it is served.
 */
export async function staticFileResponse(root: string, urlPath: string): Promise<FileResponse> {
  const filePath = resolveStaticPath(root, urlPath);
  const stat = filePath ? await fs.stat(filePath).catch(() => null) : null;
  if (!filePath || !stat?.isFile()) return textResponse(404, 'not found');
  return {
    status: 200,
    headers: { 'content-type': contentTypeOf(filePath), 'content-length': String(stat.size), 'cache-control': 'no-cache' },
    body: createReadStream(filePath),
  };
}
