// Answers a request for a take's audio, with HTTP Range support so a player can seek: shared by
// Electron's `rehearse://app/media/…` and the browser host's `/media/…` (through ../app-response).
// Only finished takes in the recordings folder are served; the name must be a take id, never a path.
// A take is served by its id, whichever audio file it has now: `<take>.wav` and `<take>.opus` both name
// it, so a take compressed after the renderer learnt its file name still plays.
import { promises as fs } from 'node:fs';
import { TakeId } from '../../shared/contract';
import { TAKE_AUDIO_FORMATS } from '../storage/data-layout';
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
  const kind = TAKE_AUDIO_FORMATS.find(({ extension }) => fileName.endsWith(extension));
  const takeId = kind ? fileName.slice(0, -kind.extension.length) : '';
  if (!TakeId.safeParse(takeId).success) return textResponse(404, 'no such take');
  const audio = await store.audio(takeId);
  // Opened before answering: the file stays readable even if compression replaces it meanwhile.
  const handle = audio ? await fs.open(audio.path, 'r').catch(() => null) : null;
  if (!audio || !handle) return textResponse(404, 'no such take');
  const { size } = await handle.stat();
  const base = { 'content-type': audio.mime, 'accept-ranges': 'bytes', 'cache-control': 'no-cache' };
  const range = parseRange(rangeHeader, size);
  if (range === 'invalid') {
    await handle.close();
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: null };
  }
  if (range === null) {
    return { status: 200, headers: { ...base, 'content-length': String(size) }, body: handle.createReadStream() };
  }
  return {
    status: 206,
    headers: {
      ...base,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
    },
    body: handle.createReadStream({ start: range.start, end: range.end }),
  };
}
