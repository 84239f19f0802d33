// A rename is durable only once its folder is synced; Windows' scanners hold new files for a moment.
import { promises as fs } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renameDurably, syncDir } from './durable-rename';
import { foldersSyncedBy } from './fs-test-support';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-rename-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

const errno = (code: string) => Object.assign(new Error(`${code}: held`), { code });

describe('renameDurably', () => {
  it('syncs the folder after the rename', async () => {
    await writeFile(path.join(dir, 'a.tmp'), 'x');
    const synced = await foldersSyncedBy(() => renameDurably(path.join(dir, 'a.tmp'), path.join(dir, 'a')));
    expect(synced).toEqual([path.resolve(dir)]);
    expect(await readFile(path.join(dir, 'a'), 'utf8')).toBe('x');
  });

  it('tries again while the file is held (EPERM, EBUSY, EACCES), then gives the last error', async () => {
    await writeFile(path.join(dir, 'b.tmp'), 'y');
    const rename = fs.rename.bind(fs);
    let calls = 0;
    vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      calls++;
      if (calls <= 2) throw errno(calls === 1 ? 'EPERM' : 'EBUSY');
      return rename(from, to);
    });
    await renameDurably(path.join(dir, 'b.tmp'), path.join(dir, 'b'), { retryDelaysMs: [1, 1, 1] });
    expect(calls).toBe(3);
    expect(await readFile(path.join(dir, 'b'), 'utf8')).toBe('y');

    vi.mocked(fs.rename).mockImplementation(async () => {
      throw errno('EACCES');
    });
    await expect(renameDurably(path.join(dir, 'b'), path.join(dir, 'c'), { retryDelaysMs: [1, 1] })).rejects.toMatchObject({
      code: 'EACCES',
    });
  });

  it('does not retry other errors', async () => {
    let calls = 0;
    vi.spyOn(fs, 'rename').mockImplementation(async () => {
      calls++;
      throw errno('ENOSPC');
    });
    await expect(renameDurably(path.join(dir, 'x'), path.join(dir, 'y'), { retryDelaysMs: [1, 1] })).rejects.toMatchObject({
      code: 'ENOSPC',
    });
    expect(calls).toBe(1);
  });

  it('skips the folder sync on Windows and where the system cannot sync a folder', async () => {
    expect(await foldersSyncedBy(() => syncDir(dir, 'win32'))).toEqual([]);
    vi.spyOn(fs, 'open').mockImplementation(async () => {
      throw errno('EISDIR');
    });
    await expect(syncDir(dir, 'linux')).resolves.toBeUndefined();
    vi.mocked(fs.open).mockImplementation(async () => {
      throw errno('EIO');
    });
    await expect(syncDir(dir, 'linux')).rejects.toMatchObject({ code: 'EIO' });
  });
});
