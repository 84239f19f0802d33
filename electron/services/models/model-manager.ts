// What the app's "Speech model" panel talks to: which models exist, which are installed, which one
// transcription uses, and one download at a time with its progress. The catalog can be replaced with
// REHEARSE_MODEL_CATALOG (a JSON file: a mirror, or a local test server; never the internet in tests).
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import type { ModelsState } from '../../shared/contract';
import { ServiceError } from '../service-error';
import { MODEL_CATALOG, type CatalogModel } from './model-catalog';
import { downloadModel, ModelDownloadError } from './model-download';
import type { ModelStore } from './model-store';

const CatalogFile = z.array(
  z.object({
    name: z.enum(['tiny.en', 'base.en', 'small.en']),
    fileName: z.string().regex(/^ggml-[a-z0-9.]+\.bin$/),
    approxBytes: z.number(),
    speed: z.string(),
    accuracy: z.string(),
    url: z.url(),
    checksum: z.object({ algorithm: z.enum(['sha1', 'sha256']), hex: z.string().regex(/^[0-9a-f]+$/) }),
  }),
);

export function loadCatalog(env: NodeJS.ProcessEnv = process.env): readonly CatalogModel[] {
  if (!env.REHEARSE_MODEL_CATALOG) return MODEL_CATALOG;
  const parsed = CatalogFile.safeParse(JSON.parse(readFileSync(env.REHEARSE_MODEL_CATALOG, 'utf8')));
  if (!parsed.success) throw new Error(`REHEARSE_MODEL_CATALOG is not a valid model catalog: ${parsed.error.message}`);
  return parsed.data;
}

type Download = NonNullable<ModelsState['download']>;

/**
 * The most a download of `model` may be: its catalog size (whole MiB, a hint) with a quarter to spare,
 * plus 16 MiB for test catalogs of tiny files. A server sending more is not sending that model, and is
 * stopped before it fills the disk.
 */
export function maxDownloadBytes(model: Pick<CatalogModel, 'approxBytes'>): number {
  return Math.ceil(model.approxBytes * 1.25) + 16 * 1024 * 1024;
}

export class ModelManager {
  private download: Download | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly store: ModelStore,
    private readonly catalog: readonly CatalogModel[] = loadCatalog(),
  ) {}

  async state(): Promise<ModelsState> {
    const installed = new Set((await this.store.list()).map((model) => model.name));
    return {
      catalog: this.catalog.map(({ name, approxBytes, speed, accuracy }) => ({
        name,
        approxBytes,
        speed,
        accuracy,
        installed: installed.has(name),
      })),
      active: (await this.store.defaultModel())?.name ?? null,
      download: this.download,
    };
  }

  /** Starts downloading a model (resuming a part left by an earlier attempt); progress is in state(). */
  async start(name: string): Promise<ModelsState> {
    const model = this.catalog.find((entry) => entry.name === name);
    if (!model) throw new ServiceError('not-found', `no model named ${name}`);
    if (this.download?.status === 'downloading' || this.download?.status === 'verifying') {
      throw new ServiceError('conflict', `${this.download.name} is already downloading`);
    }
    await mkdir(this.store.dir, { recursive: true });
    const controller = new AbortController();
    this.controller = controller;
    const download: Download = { name: model.name, status: 'downloading', receivedBytes: 0, totalBytes: null, error: null };
    this.download = download;
    void downloadModel({
      url: model.url,
      dest: this.store.pathFor(model.name),
      checksum: model.checksum,
      maxBytes: maxDownloadBytes(model),
      signal: controller.signal,
      onProgress: ({ receivedBytes, totalBytes }) => {
        download.receivedBytes = receivedBytes;
        download.totalBytes = totalBytes;
        if (totalBytes !== null && receivedBytes >= totalBytes) download.status = 'verifying';
      },
    }).then(
      () => {
        download.status = 'done';
      },
      (error: unknown) => {
        const cancelled = error instanceof ModelDownloadError && error.code === 'cancelled';
        download.status = cancelled ? 'cancelled' : 'failed';
        download.error = cancelled ? null : error instanceof Error ? error.message : String(error);
      },
    );
    return this.state();
  }

  /** Installs a model file the person picked (pick returns null when they cancel the dialog). */
  async importFile(pick: (() => Promise<string | null>) | undefined): Promise<ModelsState> {
    if (!pick) {
      throw new ServiceError(
        'unsupported',
        `picking a file needs the desktop app; here, copy a ggml model file (e.g. ggml-base.en.bin) into ${this.store.dir}`,
      );
    }
    const chosen = await pick();
    if (chosen) await this.store.importLocalFile(chosen);
    return this.state();
  }

  async cancel(): Promise<ModelsState> {
    this.controller?.abort();
    return this.state();
  }
}
