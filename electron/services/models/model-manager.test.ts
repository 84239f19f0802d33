import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CatalogModel } from './model-catalog';
import { ModelManager } from './model-manager';
import { ModelStore } from './model-store';

const TINY = '/work/shared/models/for-tests-ggml-tiny.en.bin';
let dir: string;
let server: http.Server;
let catalog: CatalogModel[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-models-'));
  server = http.createServer((req, res) => {
    // A server that sends far more than any speech model, with no length: it never ends by itself.
    if (req.url === '/endless.bin') {
      res.writeHead(200);
      const block = Buffer.alloc(1024 * 1024);
      const pump = () => {
        while (res.write(block));
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      return pump();
    }
    createReadStream(TINY).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/ggml-tiny.en.bin`;
  const hex = createHash('sha256').update(readFileSync(TINY)).digest('hex');
  catalog = [
    {
      name: 'tiny.en',
      fileName: 'ggml-tiny.en.bin',
      approxBytes: 1,
      speed: 's',
      accuracy: 'a',
      url,
      checksum: { algorithm: 'sha256', hex },
    },
  ];
});

afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function settled(manager: ModelManager) {
  for (;;) {
    const state = await manager.state();
    if (state.download && !['downloading', 'verifying'].includes(state.download.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('ModelManager', () => {
  it('starts with no model in use, downloads one, and then uses it', async () => {
    const manager = new ModelManager(new ModelStore(path.join(dir, 'models')), catalog);
    expect(await manager.state()).toMatchObject({ active: null, download: null, catalog: [{ name: 'tiny.en', installed: false }] });
    await manager.start('tiny.en');
    const state = await settled(manager);
    expect(state).toMatchObject({ active: 'tiny.en', catalog: [{ installed: true }], download: { status: 'done', error: null } });
    expect(state.download?.receivedBytes).toBe(readFileSync(TINY).length);
  });

  it('refuses a second download while one runs, and names of models it does not know', async () => {
    const manager = new ModelManager(new ModelStore(path.join(dir, 'models')), catalog);
    await manager.start('tiny.en');
    await expect(manager.start('tiny.en')).rejects.toMatchObject({ code: 'conflict' });
    await expect(manager.start('large')).rejects.toMatchObject({ code: 'not-found' });
    await settled(manager);
  });

  it('imports a picked model file, does nothing when the dialog is cancelled, and explains when there is no dialog', async () => {
    const store = new ModelStore(path.join(dir, 'models'));
    const manager = new ModelManager(store, catalog);
    await expect(manager.importFile(undefined)).rejects.toMatchObject({ code: 'unsupported', message: expect.stringContaining(store.dir) });
    expect((await manager.importFile(async () => null)).active).toBeNull();
    expect((await manager.importFile(async () => TINY)).active).toBe('for-tests-ggml-tiny.en');
  });

  it('stops a download far larger than the model it claims to be, and removes what it wrote', async () => {
    const store = new ModelStore(path.join(dir, 'models'));
    const endless = { ...(catalog[0] as CatalogModel), url: (catalog[0] as CatalogModel).url.replace(/[^/]+$/, 'endless.bin') };
    const manager = new ModelManager(store, [endless]);
    await manager.start('tiny.en');
    const state = await settled(manager);
    expect(state.download).toMatchObject({ status: 'failed', error: expect.stringMatching(/larger than a speech model/) });
    expect(await readdir(store.dir)).toEqual([]);
  });
});
