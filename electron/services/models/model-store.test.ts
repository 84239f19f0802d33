// The installed-model folder: listing, naming, importing a user-picked file, removing, choosing a default.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '../service-error';
import { ModelStore, modelsDir } from './model-store';

const TINY = '/work/shared/models/for-tests-ggml-tiny.en.bin';
const BASE = '/work/shared/models/for-tests-ggml-base.en.bin';

let base: string;
let store: ModelStore;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-models-'));
  store = new ModelStore(modelsDir(base));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('ModelStore', () => {
  it('keeps models in <data>/models as ggml-<name>.bin and refuses names that could escape it', () => {
    expect(store.dir).toBe(path.join(base, 'models'));
    expect(store.pathFor('base.en')).toBe(path.join(base, 'models', 'ggml-base.en.bin'));
    for (const bad of ['', '../evil', 'a/b', 'a\\b', '..', '.hidden', 'x..y']) {
      expect(() => store.pathFor(bad), bad).toThrow(ServiceError);
    }
  });

  it('lists nothing, and has no default, before the folder exists', async () => {
    expect(await store.list()).toEqual([]);
    expect(await store.defaultModel()).toBeNull();
  });

  it('lists whole model files with their sizes and ignores parts, temp files and strangers', async () => {
    await mkdir(store.dir, { recursive: true });
    await writeFile(store.pathFor('tiny.en'), Buffer.alloc(10));
    await writeFile(store.pathFor('small.en'), Buffer.alloc(3));
    await writeFile(`${store.pathFor('base.en')}.part`, Buffer.alloc(5));
    await writeFile(`${store.pathFor('base.en')}.abcd1234.importing`, Buffer.alloc(5));
    await writeFile(path.join(store.dir, 'notes.txt'), 'hi');
    await mkdir(path.join(store.dir, 'ggml-folder.bin'));
    expect(await store.list()).toEqual([
      { name: 'small.en', fileName: 'ggml-small.en.bin', path: store.pathFor('small.en'), bytes: 3 },
      { name: 'tiny.en', fileName: 'ggml-tiny.en.bin', path: store.pathFor('tiny.en'), bytes: 10 },
    ]);
  });

  it('imports a real ggml model byte for byte, naming it from the file or as asked', async () => {
    const named = await store.importLocalFile(TINY, 'tiny.en');
    expect(named).toEqual({ name: 'tiny.en', fileName: 'ggml-tiny.en.bin', path: store.pathFor('tiny.en'), bytes: 586_836 });
    expect((await readFile(named.path)).equals(await readFile(TINY))).toBe(true);

    const derived = await store.importLocalFile(BASE);
    expect(derived.name).toBe('for-tests-ggml-base.en');

    const picked = path.join(base, 'ggml-custom.bin');
    await writeFile(picked, await readFile(TINY));
    expect((await store.importLocalFile(picked)).name).toBe('custom');

    expect((await store.list()).map((m) => m.name)).toEqual(['custom', 'for-tests-ggml-base.en', 'tiny.en']);
    expect((await readdir(store.dir)).sort()).toEqual(['ggml-custom.bin', 'ggml-for-tests-ggml-base.en.bin', 'ggml-tiny.en.bin']);
  });

  it('rejects files that are not ggml models and leaves nothing behind', async () => {
    const text = path.join(base, 'ggml-notes.bin');
    await writeFile(text, 'this is not a model at all');
    const short = path.join(base, 'short.bin');
    await writeFile(short, Buffer.from([0x6c, 0x6d, 0x67])); // the first 3 magic bytes only
    const bigEndian = path.join(base, 'swapped.bin');
    await writeFile(bigEndian, Buffer.from([0x67, 0x67, 0x6d, 0x6c, 0, 0, 0, 0])); // magic in the wrong byte order
    for (const file of [text, short, bigEndian]) {
      await expect(store.importLocalFile(file, 'tiny.en'), file).rejects.toMatchObject({
        code: 'bad-request',
        message: /not a whisper.cpp ggml model/,
      });
    }
    await expect(store.importLocalFile(path.join(base, 'missing.bin'))).rejects.toMatchObject({ code: 'not-found' });
    await expect(store.importLocalFile(TINY, '../escape')).rejects.toMatchObject({ code: 'bad-request' });
    expect(await readdir(store.dir).catch(() => [])).toEqual([]);
  });

  it('replaces a model of the same name on import', async () => {
    await mkdir(store.dir, { recursive: true });
    await writeFile(store.pathFor('tiny.en'), 'old');
    await store.importLocalFile(TINY, 'tiny.en');
    expect((await readFile(store.pathFor('tiny.en'))).equals(await readFile(TINY))).toBe(true);
  });

  it('removes a model, and says so only when there was one', async () => {
    await store.importLocalFile(TINY, 'tiny.en');
    expect(await store.remove('tiny.en')).toBe(true);
    expect(await store.remove('tiny.en')).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('defaults to base.en when installed, else to any installed model', async () => {
    await store.importLocalFile(TINY, 'tiny.en');
    expect((await store.defaultModel())?.name).toBe('tiny.en');
    await store.importLocalFile(BASE, 'base.en');
    await store.importLocalFile(TINY, 'aaa-custom'); // sorts first, still not the default
    expect((await store.defaultModel())?.name).toBe('base.en');
    await store.remove('base.en');
    expect((await store.defaultModel())?.name).toBe('aaa-custom');
    await store.remove('aaa-custom');
    await store.remove('tiny.en');
    expect(await store.defaultModel()).toBeNull();
  });
});
