// One app per data folder: a second copy (a double-click on Windows, the browser host beside the desktop
// app) must not run start-up recovery on the first copy's open take.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock, LOCK_FILE } from './data-lock';

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-lock-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** The pid of a process that has exited (so no process has it, for now). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid as number;
}

describe('acquireDataLock', () => {
  it('takes the folder, writing the owner pid, and a second taker is refused with that pid', async () => {
    const first = await acquireDataLock(dataDir);
    expect(first.ok).toBe(true);
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    // Another process (a pid that is alive but not ours: the parent of this test).
    const second = await acquireDataLock(dataDir, { pid: process.ppid });
    expect(second).toMatchObject({ ok: false, ownerPid: process.pid });
    if (!second.ok) {
      expect(second.message).toContain(dataDir);
      expect(second.message).toMatch(/already (open|running)/i);
    }
    if (first.ok) await first.release();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    expect((await acquireDataLock(dataDir, { pid: process.ppid })).ok).toBe(true);
  });

  it('takes over a stale lock whose owner is gone', async () => {
    const gone = await deadPid();
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: gone, startedAt: 1 }));
    const lock = await acquireDataLock(dataDir);
    expect(lock.ok).toBe(true);
    expect(JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('takes over a lock file that is empty or unreadable (a crash while writing it)', async () => {
    await writeFile(path.join(dataDir, LOCK_FILE), '');
    expect((await acquireDataLock(dataDir)).ok).toBe(true);
  });

  it('release leaves a lock that is no longer its own', async () => {
    const lock = await acquireDataLock(dataDir);
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.ppid, startedAt: 2 }));
    if (lock.ok) await lock.release();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
  });

  it('creates the data folder when it is not there yet', async () => {
    const fresh = path.join(dataDir, 'new', 'folder');
    expect((await acquireDataLock(fresh)).ok).toBe(true);
  });
});
