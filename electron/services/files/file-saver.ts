// Saves files the renderer made (exports, backups) where the person wants them. Electron asks with a
// native dialog (the host's pickSavePath / pickFolder); the browser host has no dialogs and writes into
// its exports folder instead, never over a file that is there ("name (2).ext"). Every file is written
// atomically: a temp file beside it, synced, then renamed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { SafeFileName, describeIssues, type Response } from '../../shared/contract';
import { ServiceError } from '../service-error';
import { replaceFile, writeUniqueFile, type WriteBody } from './atomic-file';

export interface SaveDestinations {
  /** Where files go when the host cannot ask (the browser host). */
  exportsDir: string;
  /** Asks where to save one file (suggesting a name); null when the person cancels. */
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Asks for a folder to save several files in; null when the person cancels. */
  pickFolder?: () => Promise<string | null>;
}

/** `REHEARSE_EXPORT_DIR` when set, else `<data>/exports`. */
export function resolveExportsDir(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.REHEARSE_EXPORT_DIR ? path.resolve(env.REHEARSE_EXPORT_DIR) : path.join(dataDir, 'exports');
}

export interface NamedFile {
  name: string;
  data: Uint8Array;
}

export class FileSaver {
  constructor(private readonly destinations: SaveDestinations) {}

  async save(suggestedName: string, data: Uint8Array): Promise<Response<'files.save'>> {
    const saved = await this.saveWith(suggestedName, data);
    return { saved: saved !== null, path: saved };
  }

  /**
   * Saves one file whose bytes come from `body` (bytes, or a writer for data too large to hold), asking
   * where first when the host can. Returns where it went, or null when the person cancelled. When `body`
   * throws, nothing is left behind.
   */
  async saveWith(suggestedName: string, body: WriteBody): Promise<string | null> {
    assertSafeName(suggestedName);
    const { pickSavePath, exportsDir } = this.destinations;
    if (!pickSavePath) {
      await fs.mkdir(exportsDir, { recursive: true });
      return failureNamed(suggestedName, () => writeUniqueFile(exportsDir, suggestedName, body));
    }
    const target = await pickSavePath(suggestedName);
    if (target === null) return null;
    if (!path.isAbsolute(target)) throw new ServiceError('internal', `the save dialog answered a relative path: ${target}`);
    // The dialog asked before replacing a file of that name, so the one there is replaced (atomically).
    await failureNamed(path.basename(target), () => replaceFile(target, body));
    return target;
  }

  /** Saves every file into one folder; when one cannot be written, the ones written before are removed. */
  async saveMany(files: NamedFile[]): Promise<Response<'files.saveMany'>> {
    for (const file of files) assertSafeName(file.name);
    const { pickFolder, exportsDir } = this.destinations;
    const folder = pickFolder ? await pickFolder() : exportsDir;
    if (folder === null) return { saved: false, folder: null, count: 0 };
    if (!path.isAbsolute(folder)) throw new ServiceError('internal', `the folder dialog answered a relative path: ${folder}`);
    await fs.mkdir(folder, { recursive: true });
    const written: string[] = [];
    try {
      for (const file of files) written.push(await failureNamed(file.name, () => writeUniqueFile(folder, file.name, file.data)));
    } catch (error) {
      await Promise.all(written.map((target) => fs.rm(target, { force: true }).catch(() => undefined)));
      throw error;
    }
    return { saved: true, folder, count: written.length };
  }
}

/** The contract checked the name already; the service checks again, since it is about to name a file. */
function assertSafeName(name: string): void {
  const parsed = SafeFileName.safeParse(name);
  if (!parsed.success)
    throw new ServiceError('bad-request', `${JSON.stringify(name)} ${describeIssues(parsed.error).replace(/^payload: /, '')}`);
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

async function failureNamed<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    if (DISK_FULL.has((error as NodeJS.ErrnoException).code ?? '')) {
      throw new ServiceError('internal', `could not save ${name}: the disk is full (free some space and try again; nothing was written)`, {
        cause: error,
      });
    }
    throw new ServiceError('internal', `could not save ${name}: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}
