// The installed models: `<dir>/ggml-<name>.bin`, where `dir` is `<data>/models` (modelsDir). Downloads
// leave `ggml-<name>.bin.part` beside them until verified (model-download.ts); imports copy through a temp
// file too, so a model listed here is always a whole file.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { renameDurably } from '../files/durable-rename';
import { ServiceError } from '../service-error';
import { checkGgmlModel } from '../transcription/ggml-model';
import { isTranscriptionError } from '../transcription/transcription-error';
import { DEFAULT_MODEL_NAME } from './model-catalog';

export interface InstalledModel {
  name: string;
  fileName: string;
  path: string;
  bytes: number;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const FILE = /^ggml-(.+)\.bin$/;

export function modelsDir(dataDir: string): string {
  return path.join(dataDir, 'models');
}

export function isValidModelName(name: string): boolean {
  return NAME.test(name) && !name.includes('..');
}

export class ModelStore {
  constructor(readonly dir: string) {}

  /** Where the model `name` is (or would be) installed. */
  pathFor(name: string): string {
    if (!isValidModelName(name)) throw new ServiceError('bad-request', `not a model name: ${JSON.stringify(name)}`);
    return path.join(this.dir, `ggml-${name}.bin`);
  }

  /** Installed models sorted by name; an absent folder is an empty list. */
  async list(): Promise<InstalledModel[]> {
    const entries = await fs.readdir(this.dir, { withFileTypes: true }).catch(() => []);
    const models: InstalledModel[] = [];
    for (const entry of entries) {
      const name = FILE.exec(entry.name)?.[1];
      if (!entry.isFile() || name === undefined || !isValidModelName(name)) continue;
      const stat = await fs.stat(path.join(this.dir, entry.name)).catch(() => null);
      if (stat) models.push({ name, fileName: entry.name, path: path.join(this.dir, entry.name), bytes: stat.size });
    }
    return models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** base.en when installed, else the first installed model, else null (the app then offers a download). */
  async defaultModel(): Promise<InstalledModel | null> {
    const models = await this.list();
    return models.find((m) => m.name === DEFAULT_MODEL_NAME) ?? models[0] ?? null;
  }

  /**
   * Copies a model file the user picked into the store, replacing a model of the same name. The name
   * defaults to `<name>` of a `ggml-<name>.bin` source, else the source's base name without `.bin`.
   */
  async importLocalFile(sourcePath: string, name?: string): Promise<InstalledModel> {
    const modelName = name ?? defaultNameFor(sourcePath);
    const target = this.pathFor(modelName);
    await assertGgml(sourcePath);
    await fs.mkdir(this.dir, { recursive: true });
    const temp = `${target}.${randomBytes(4).toString('hex')}.importing`;
    try {
      await fs.copyFile(sourcePath, temp);
      const handle = await fs.open(temp, 'r+');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameDurably(temp, target);
    } catch (error) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw new ServiceError('internal', `could not import ${path.basename(sourcePath)}: ${(error as Error).message}`);
    }
    const stat = await fs.stat(target);
    return { name: modelName, fileName: path.basename(target), path: target, bytes: stat.size };
  }

  /** Deletes the model `name`; false when it was not installed. */
  async remove(name: string): Promise<boolean> {
    const target = this.pathFor(name);
    try {
      await fs.unlink(target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }
}

function defaultNameFor(sourcePath: string): string {
  const base = path.basename(sourcePath);
  return FILE.exec(base)?.[1] ?? base.replace(/\.bin$/i, '');
}

/** The same check the engine makes before it runs, so a file that would not transcribe is refused here. */
async function assertGgml(sourcePath: string): Promise<void> {
  try {
    await checkGgmlModel(sourcePath);
  } catch (error) {
    if (!isTranscriptionError(error)) throw error;
    throw new ServiceError(error.code === 'model-missing' ? 'not-found' : 'bad-request', error.message);
  }
}
