// One app per data folder. A second copy (a double-click on Windows, or the browser host started beside
// the desktop app) would run start-up recovery on the first copy's open `.wav.partial`: truncate it,
// mark it recovered, rename it, and the first copy's Stop would then fail. So whoever opens the folder
// first writes `rehearse.lock` there, holding its pid; a later copy is refused while that process lives.
// A lock whose process is gone (a crash, a kill) is stale and taken over. A pid reused by an unrelated
// process after a crash would keep the folder locked until that process ends: rare, and it says so.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'rehearse.lock';

export type DataLock = { ok: true; release(): Promise<void> } | { ok: false; ownerPid: number; message: string };

export interface DataLockOptions {
  /** This process (tests pose as another one). */
  pid?: number;
  /** Whether a process with this pid exists. */
  isAlive?: (pid: number) => boolean;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<number | null> {
  try {
    const pid = (JSON.parse(await fs.readFile(file, 'utf8')) as { pid?: unknown }).pid;
    return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error;
    return null; // empty or half-written: its writer died before finishing it
  }
}

/** Takes the data folder for this process, or says which process has it. */
export async function acquireDataLock(dataDir: string, options: DataLockOptions = {}): Promise<DataLock> {
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? processIsAlive;
  const file = path.join(dataDir, LOCK_FILE);
  await fs.mkdir(dataDir, { recursive: true });
  const body = JSON.stringify({ pid, startedAt: Date.now() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await fs.writeFile(file, body, { flag: 'wx' });
      return { ok: true, release: () => releaseIfOurs(file, pid) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let owner: number | null;
    try {
      owner = await readOwner(file);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (owner !== null && owner !== pid && isAlive(owner)) {
      return {
        ok: false,
        ownerPid: owner,
        message:
          `Rehearse is already open with the data folder ${dataDir} (process ${owner}). ` +
          `Use that window, or close it first. (If no Rehearse is running, delete ${file}.)`,
      };
    }
    // Stale (its process is gone), unreadable, or our own pid left by an earlier run: take it over.
    await fs.rm(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}: another copy of Rehearse keeps replacing it`);
}

async function releaseIfOurs(file: string, pid: number): Promise<void> {
  const owner = await readOwner(file).catch(() => null);
  if (owner === pid) await fs.rm(file, { force: true });
}
