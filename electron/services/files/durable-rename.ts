// Renaming a file so that the new name survives a power cut: the rename, then a sync of the folder that
// holds it (a file's name lives in its folder; until the folder is synced, the rename may be lost).
// Windows cannot open a folder to sync it, and NTFS journals renames, so it is skipped there; systems
// that refuse to sync a folder (EISDIR, EPERM, EINVAL, ENOTSUP) are left to their own guarantees.
// On Windows an antivirus scanner or the indexer holds a new file for a moment: a rename refused with
// EPERM, EBUSY or EACCES is tried again a few times before the error is given.
import { promises as fs } from 'node:fs';
import path from 'node:path';

const HELD = new Set(['EPERM', 'EBUSY', 'EACCES']);
const CANNOT_SYNC_DIR = new Set(['EISDIR', 'EPERM', 'EINVAL', 'ENOTSUP', 'EOPNOTSUPP', 'EBADF', 'EACCES']);
/** About 2.5 s in all, long enough for a scanner, short enough for a person pressing Stop. */
export const RENAME_RETRY_DELAYS_MS = [50, 100, 200, 400, 800, 1000];

export interface RenameOptions {
  retryDelaysMs?: readonly number[];
  platform?: NodeJS.Platform;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code ?? '';

/** Syncs a folder, so the names in it are durable; nothing on Windows or where it is not supported. */
export async function syncDir(dir: string, platform: NodeJS.Platform = process.platform): Promise<void> {
  if (platform === 'win32') return;
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    if (CANNOT_SYNC_DIR.has(codeOf(error))) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!CANNOT_SYNC_DIR.has(codeOf(error))) throw error;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Renames `from` to `to` (retrying while the file is held), then syncs the folder of `to`. */
export async function renameDurably(from: string, to: string, options: RenameOptions = {}): Promise<void> {
  await renameRetrying(from, to, options);
  await syncDir(path.dirname(to), options.platform);
}

/** Renames `from` to `to`, trying again a few times while Windows holds the file. */
export async function renameRetrying(from: string, to: string, options: RenameOptions = {}): Promise<void> {
  const delays = options.retryDelaysMs ?? RENAME_RETRY_DELAYS_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      await fs.rename(from, to);
      break;
    } catch (error) {
      const delay = delays[attempt];
      if (!HELD.has(codeOf(error)) || delay === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
