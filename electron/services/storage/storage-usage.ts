// How much room Rehearse takes on disk: recordings (audio and sidecars), main's transcripts, speech
// models, and how many takes there are. Folders that do not exist yet count as empty.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Response } from '../../shared/contract';
import type { TakeStore } from '../recordings/take-store';

export interface StorageUsageOptions {
  store: TakeStore;
  transcriptsDir: string;
  modelsDir: string;
}

export async function storageUsage({ store, transcriptsDir, modelsDir }: StorageUsageOptions): Promise<Response<'storage.usage'>> {
  const [recordingsBytes, transcriptsBytes, modelsBytes, { finished, partial }] = await Promise.all([
    folderBytes(store.dir),
    folderBytes(transcriptsDir),
    folderBytes(modelsDir),
    store.scan(),
  ]);
  return { recordingsBytes, transcriptsBytes, modelsBytes, takes: new Set([...finished, ...partial]).size };
}

const BATCH = 64;

/** The bytes of every file under `dir` (symbolic links are not followed); 0 when it is absent. */
export async function folderBytes(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  let total = 0;
  for (let at = 0; at < entries.length; at += BATCH) {
    const sizes = await Promise.all(
      entries.slice(at, at + BATCH).map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return folderBytes(full);
        if (!entry.isFile()) return 0;
        return (await fs.lstat(full).catch(() => null))?.size ?? 0;
      }),
    );
    for (const size of sizes) total += size;
  }
  return total;
}
