// Answers a request for a take's audio, with HTTP Range support so a player can seek: shared by
// Electron's `rehearse://app/media/…` and the browser host's `/media/…` (through ../app-response).
// Only finished takes in the recordings folder are served; the name must be a take id, never a path.
import { createReadStream, promises as fs } from 'node:fs';
import { TakeId } from '../../shared/contract';
import { textResponse, type FileResponse } from '../file-response';
import type { TakeStore } from '../recordings/take-store';

export type MediaResponse = FileResponse;

/** Parses a single `bytes=` range against a file size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(header: string | null | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

export async function mediaResponse(store: TakeStore, fileName: string, rangeHeader?: string | null): Promise<MediaResponse> {
  const takeId = fileName.endsWith('.wav') ? fileName.slice(0, -'.wav'.length) : '';
  if (!TakeId.safeParse(takeId).success) return textResponse(404, 'no such take');
  const filePath = store.wavPath(takeId);
  const stat = await fs.stat(filePath).catch(() => null);
  if (!stat?.isFile()) return textResponse(404, 'no such take');
  const base = { 'content-type': 'audio/wav', 'accept-ranges': 'bytes', 'cache-control': 'no-cache' };
  const range = parseRange(rangeHeader, stat.size);
  if (range === 'invalid') return { status: 416, headers: { ...base, 'content-range': `bytes */${stat.size}` }, body: null };
  if (range === null) {
    return { status: 200, headers: { ...base, 'content-length': String(stat.size) }, body: createReadStream(filePath) };
  }
  return {
    status: 206,
    headers: {
      ...base,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${stat.size}`,
    },
    body: createReadStream(filePath, { start: range.start, end: range.end }),
  };
}
