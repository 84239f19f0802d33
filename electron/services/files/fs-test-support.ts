// Watches the file system calls of the code under test (node:fs's promises object is shared, so a spy sees them).
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';

/** The folders a call to `work` opened and synced. */
export async function foldersSyncedBy(work: () => Promise<unknown>): Promise<string[]> {
  const open = fs.open.bind(fs);
  const synced: string[] = [];
  vi.spyOn(fs, 'open').mockImplementation(async (file, ...rest) => {
    const handle = await open(file, ...(rest as [string]));
    if ((await handle.stat()).isDirectory()) {
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        await sync();
        synced.push(path.resolve(String(file)));
      };
    }
    return handle;
  });
  await work();
  vi.mocked(fs.open).mockRestore();
  return synced;
}
