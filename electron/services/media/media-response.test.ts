// A player asks for a take's audio, whole or by range; only finished takes named by their id are served.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TakeStore } from '../recordings/take-store';
import { mediaResponse, parseRange, type MediaResponse } from './media-response';

const TAKE = 'take-abc123';
const SIZE = 1000;
/** Every byte differs from its neighbours, so a wrong offset shows. */
const CONTENT = Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7 + 3) % 251));

let base: string;
let store: TakeStore;

async function readBody(body: Readable | null): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  for await (const part of body) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part as string));
  return Buffer.concat(parts);
}

async function expect404(response: MediaResponse): Promise<void> {
  expect(response.status).toBe(404);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  // No audio content leaks through a refused request.
  expect((await readBody(response.body)).toString('utf8')).toBe('no such take');
}

beforeAll(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-media-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
  await writeFile(store.wavPath(TAKE), CONTENT);
  await writeFile(store.partialPath('take-partial1'), CONTENT);
  await writeFile(path.join(base, 'etc.wav'), CONTENT);
  await writeFile(path.join(base, 'x.wav'), CONTENT);
  await writeFile(path.join(store.dir, 'notes.wav'), CONTENT);
  await mkdir(path.join(store.dir, 'take-dir0001.wav'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('parseRange', () => {
  it('is null without a header', () => {
    expect(parseRange(undefined, SIZE)).toBeNull();
    expect(parseRange(null, SIZE)).toBeNull();
    expect(parseRange('', SIZE)).toBeNull();
  });

  it('reads closed, open-ended and suffix ranges', () => {
    expect(parseRange('bytes=0-99', SIZE)).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-', SIZE)).toEqual({ start: 100, end: SIZE - 1 });
    expect(parseRange('bytes=-100', SIZE)).toEqual({ start: SIZE - 100, end: SIZE - 1 });
    expect(parseRange('bytes=999-999', SIZE)).toEqual({ start: 999, end: 999 });
    expect(parseRange(' bytes=0-0 ', SIZE)).toEqual({ start: 0, end: 0 });
  });

  it('clamps an end beyond the file and a suffix longer than it', () => {
    expect(parseRange('bytes=900-5000', SIZE)).toEqual({ start: 900, end: SIZE - 1 });
    expect(parseRange('bytes=-5000', SIZE)).toEqual({ start: 0, end: SIZE - 1 });
  });

  it.each(['bytes=1000-', 'bytes=1000-1001', 'bytes=5000-6000', 'bytes=500-100', 'bytes=-0'])(
    'is invalid when unsatisfiable: %s',
    (header) => {
      expect(parseRange(header, SIZE)).toBe('invalid');
    },
  );

  it.each(['bytes=-', 'bytes=abc', 'bytes=1-2-3', 'bytes=a-b', 'items=0-1', 'bytes 0-1', 'bytes=-1-2', 'bytes=0x10-20', '0-99'])(
    'is invalid when malformed: %j',
    (header) => {
      expect(parseRange(header, SIZE)).toBe('invalid');
    },
  );

  it('is invalid for any range of an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toBe('invalid');
    expect(parseRange('bytes=-10', 0)).toBe('invalid');
  });
});

describe('mediaResponse', () => {
  it('serves the whole file with 200 and its length', async () => {
    const response = await mediaResponse(store, `${TAKE}.wav`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('audio/wav');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.headers['content-length']).toBe(String(SIZE));
    expect(response.headers['content-range']).toBeUndefined();
    expect((await readBody(response.body)).equals(CONTENT)).toBe(true);
  });

  it('serves bytes=0-99 as 206 with exactly those bytes', async () => {
    const response = await mediaResponse(store, `${TAKE}.wav`, 'bytes=0-99');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 0-99/${SIZE}`);
    expect(response.headers['content-length']).toBe('100');
    const body = await readBody(response.body);
    expect(body.length).toBe(100);
    expect(body.equals(CONTENT.subarray(0, 100))).toBe(true);
  });

  it('serves a range in the middle', async () => {
    const response = await mediaResponse(store, `${TAKE}.wav`, 'bytes=250-260');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 250-260/${SIZE}`);
    expect((await readBody(response.body)).equals(CONTENT.subarray(250, 261))).toBe(true);
  });

  it('serves a suffix range bytes=-100 as the last 100 bytes', async () => {
    const response = await mediaResponse(store, `${TAKE}.wav`, 'bytes=-100');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 900-999/${SIZE}`);
    expect(response.headers['content-length']).toBe('100');
    expect((await readBody(response.body)).equals(CONTENT.subarray(900))).toBe(true);
  });

  it('serves an open-ended range bytes=100- to the end', async () => {
    const response = await mediaResponse(store, `${TAKE}.wav`, 'bytes=100-');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 100-999/${SIZE}`);
    expect(response.headers['content-length']).toBe('900');
    expect((await readBody(response.body)).equals(CONTENT.subarray(100))).toBe(true);
  });

  it('clamps an end beyond the size', async () => {
    const response = await mediaResponse(store, `${TAKE}.wav`, 'bytes=990-100000');
    expect(response.status).toBe(206);
    expect(response.headers['content-range']).toBe(`bytes 990-999/${SIZE}`);
    expect(response.headers['content-length']).toBe('10');
    expect((await readBody(response.body)).equals(CONTENT.subarray(990))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=2000-3000', 'bytes=10-5', 'bytes=-0'])(
    'answers 416 with bytes */size when unsatisfiable: %s',
    async (range) => {
      const response = await mediaResponse(store, `${TAKE}.wav`, range);
      expect(response.status).toBe(416);
      expect(response.headers['content-range']).toBe(`bytes */${SIZE}`);
      expect(response.body).toBeNull();
    },
  );

  it.each(['bytes=abc', 'bytes=-', 'bytes=1-2-3', 'pages=1-2'])('answers 416, not the file, for a malformed header %j', async (range) => {
    const response = await mediaResponse(store, `${TAKE}.wav`, range);
    expect(response.status).toBe(416);
    expect(response.headers['content-range']).toBe(`bytes */${SIZE}`);
    expect(response.body).toBeNull();
  });

  it('is 404 for a take that does not exist', async () => {
    await expect404(await mediaResponse(store, 'take-zzzzzz.wav'));
  });

  it('is 404 for a partial (still recording or crashed) take', async () => {
    await expect404(await mediaResponse(store, 'take-partial1.wav.partial'));
    await expect404(await mediaResponse(store, 'take-partial1.wav'));
  });

  it.each([
    '../x.wav',
    '../etc.wav',
    'take-abc/../../etc.wav',
    `take-abc123/../${TAKE}.wav`,
    '..%2fetc.wav',
    '/etc.wav',
    `./${TAKE}.wav`,
    `${TAKE}.wav/`,
    `${TAKE}.WAV`,
    TAKE,
    `${TAKE}.json`,
    'notes.wav',
    'take-ABC123.wav',
    'take-abc.wav',
    '.wav',
    '',
  ])('is 404 for a name that is not a take id: %j', async (name) => {
    await expect404(await mediaResponse(store, name, 'bytes=0-99'));
  });

  it('is 404 for a directory named like a take', async () => {
    await expect404(await mediaResponse(store, 'take-dir0001.wav'));
  });
});

describe('mediaResponse for a compressed take', () => {
  const OPUS_TAKE = 'take-opus001';
  const OGG = Buffer.concat([Buffer.from('OggS'), CONTENT]);

  beforeAll(async () => {
    await writeFile(store.opusPath(OPUS_TAKE), OGG);
  });

  it('serves its Ogg Opus file by its id, also under the .wav name the renderer first learnt', async () => {
    for (const name of [`${OPUS_TAKE}.opus`, `${OPUS_TAKE}.wav`]) {
      const response = await mediaResponse(store, name, 'bytes=4-13');
      expect(response.status).toBe(206);
      expect(response.headers['content-type']).toBe('audio/ogg; codecs=opus');
      expect(response.headers['content-range']).toBe(`bytes 4-13/${OGG.length}`);
      expect(await readBody(response.body)).toEqual(CONTENT.subarray(0, 10));
    }
  });

  it('serves the WAV while both are there (the Opus file is not verified yet)', async () => {
    await writeFile(store.opusPath(TAKE), OGG);
    try {
      const response = await mediaResponse(store, `${TAKE}.opus`);
      expect(response.headers['content-type']).toBe('audio/wav');
      expect(await readBody(response.body)).toEqual(CONTENT);
    } finally {
      await rm(store.opusPath(TAKE));
    }
  });

  it('is 404 for a partial Opus file', async () => {
    await writeFile(store.opusPartialPath('take-opus002'), OGG);
    await expect404(await mediaResponse(store, 'take-opus002.opus'));
  });
});
