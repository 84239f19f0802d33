// A local stand-in for the model download host: serves the whisper.cpp test models with Range support
// on 127.0.0.1, and a catalog file pointing the app at it (REHEARSE_MODEL_CATALOG). No test reaches the internet.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ModelServer {
  catalogPath: string;
  requests: { path: string; range: string | undefined }[];
  close(): Promise<void>;
}

export async function startModelServer(models: Record<'tiny.en' | 'base.en', string>): Promise<ModelServer> {
  const requests: ModelServer['requests'] = [];
  const files = new Map(Object.entries(models).map(([name, file]) => [`/ggml-${name}.bin`, file]));
  const server = http.createServer((req, res) => {
    void (async () => {
      requests.push({ path: req.url ?? '', range: req.headers.range });
      const file = files.get(req.url ?? '');
      if (!file) return res.writeHead(404).end();
      const { size } = await fs.stat(file);
      const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      const start = match ? Number(match[1]) : 0;
      res.writeHead(match ? 206 : 200, {
        'content-length': size - start,
        ...(match ? { 'content-range': `bytes ${start}-${size - 1}/${size}` } : {}),
      });
      createReadStream(file, { start }).pipe(res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const catalog = await Promise.all(
    Object.entries(models).map(async ([name, file]) => ({
      name,
      fileName: `ggml-${name}.bin`,
      approxBytes: (await fs.stat(file)).size,
      speed: name === 'tiny.en' ? 'fastest' : 'fast',
      accuracy: name === 'tiny.en' ? 'least accurate' : 'more accurate than tiny.en',
      url: `${base}/ggml-${name}.bin`,
      checksum: {
        algorithm: 'sha256',
        hex: createHash('sha256')
          .update(await fs.readFile(file))
          .digest('hex'),
      },
    })),
  );
  const catalogPath = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-catalog-')), 'catalog.json');
  await fs.writeFile(catalogPath, JSON.stringify(catalog));
  return {
    catalogPath,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
