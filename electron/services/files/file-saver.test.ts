// Saving files the renderer made: where they go (a dialog's answer, or the exports folder), that a file
// there is never replaced unasked, and that a reader never sees half a file (temp file, then rename).
import { promises as fs } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServiceError } from '../service-error';
import { FileExistsError, numberedName, replaceFile, writeNewFile, writeUniqueFile } from './atomic-file';
import { FileSaver, resolveExportsDir } from './file-saver';

let base: string;
let exportsDir: string;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-files-'));
  exportsDir = path.join(base, 'exports');
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(base, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

async function errorOf(work: Promise<unknown>): Promise<ServiceError> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('atomic files', () => {
  it('numbers names before the extension', () => {
    expect(numberedName('a.txt', 1)).toBe('a.txt');
    expect(numberedName('a.txt', 2)).toBe('a (2).txt');
    expect(numberedName('take (1).tar.gz', 3)).toBe('take (1).tar (3).gz');
  });

  it('writeNewFile never replaces a file, and leaves no temp file either way', async () => {
    const target = path.join(base, 'a.txt');
    await writeNewFile(target, bytes('first'));
    await expect(writeNewFile(target, bytes('second'))).rejects.toBeInstanceOf(FileExistsError);
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(base)).toEqual(['a.txt']);
  });

  it('writeNewFile still refuses to replace where the file system has no hard links', async () => {
    vi.spyOn(fs, 'link').mockRejectedValue(Object.assign(new Error('no links here'), { code: 'EPERM' }));
    const target = path.join(base, 'a.txt');
    await writeNewFile(target, bytes('first'));
    await expect(writeNewFile(target, bytes('second'))).rejects.toBeInstanceOf(FileExistsError);
    expect(await readFile(target, 'utf8')).toBe('first');
    expect(await readdir(base)).toEqual(['a.txt']);
  });

  it('a writer that fails leaves nothing behind, and the file there is untouched', async () => {
    const target = path.join(base, 'a.txt');
    await writeFile(target, 'kept');
    const failing = async (handle: fs.FileHandle) => {
      await handle.write(bytes('half of it'));
      throw new Error('disk full');
    };
    await expect(replaceFile(target, failing)).rejects.toThrow('disk full');
    await expect(writeUniqueFile(base, 'b.txt', failing)).rejects.toThrow('disk full');
    expect(await readdir(base)).toEqual(['a.txt']);
    expect(await readFile(target, 'utf8')).toBe('kept');
  });

  it('writeUniqueFile writes the bytes once, under the first free name', async () => {
    await writeFile(path.join(base, 'a.txt'), 'one');
    await writeFile(path.join(base, 'a (2).txt'), 'two');
    const body = vi.fn(async (handle: fs.FileHandle) => {
      await handle.write(bytes('three'));
    });
    expect(await writeUniqueFile(base, 'a.txt', body)).toBe(path.join(base, 'a (3).txt'));
    expect(body).toHaveBeenCalledTimes(1);
    expect(await readFile(path.join(base, 'a (3).txt'), 'utf8')).toBe('three');
    expect((await readdir(base)).sort()).toEqual(['a (2).txt', 'a (3).txt', 'a.txt']);
  });
});

describe('resolveExportsDir', () => {
  it('is REHEARSE_EXPORT_DIR when set, else <data>/exports', () => {
    expect(resolveExportsDir('/data', {})).toBe(path.join('/data', 'exports'));
    expect(resolveExportsDir('/data', { REHEARSE_EXPORT_DIR: '/elsewhere/out' })).toBe(path.resolve('/elsewhere/out'));
  });
});

describe('FileSaver.save without dialogs (the browser host)', () => {
  it('writes into the exports folder, creating it, and never over a file there', async () => {
    const saver = new FileSaver({ exportsDir });
    const first = await saver.save('answers.txt', bytes('one'));
    const second = await saver.save('answers.txt', bytes('two'));
    const third = await saver.save('answers.txt', bytes('three'));
    expect(first).toEqual({ saved: true, path: path.join(exportsDir, 'answers.txt') });
    expect(second).toEqual({ saved: true, path: path.join(exportsDir, 'answers (2).txt') });
    expect(third).toEqual({ saved: true, path: path.join(exportsDir, 'answers (3).txt') });
    expect(await readFile(path.join(exportsDir, 'answers.txt'), 'utf8')).toBe('one');
    expect(await readFile(path.join(exportsDir, 'answers (2).txt'), 'utf8')).toBe('two');
    expect((await readdir(exportsDir)).sort()).toEqual(['answers (2).txt', 'answers (3).txt', 'answers.txt']);
  });

  it('refuses a name that is not a plain file name, writing nothing', async () => {
    const saver = new FileSaver({ exportsDir });
    // Windows drops trailing spaces and dots from a name, so "con .txt" is the console device too.
    for (const name of [
      '../x.txt',
      '/etc/passwd',
      'a',
      'x/y.txt',
      '..',
      '.',
      'CON.txt',
      'con .txt',
      'aux .txt',
      'nul  .txt',
      'com1 .pdf',
      'lpt9.  .md',
    ]) {
      const error = await errorOf(saver.save(name, bytes('x')));
      expect(error.code).toBe('bad-request');
      expect(error.message).toContain(JSON.stringify(name));
    }
    await expect(readdir(exportsDir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(base)).toEqual([]);
  });
});

describe('FileSaver.save with a save dialog (Electron)', () => {
  it('writes where the dialog says, replacing the file there (the dialog asked), atomically', async () => {
    const target = path.join(base, 'chosen', 'my answers.txt');
    await fs.mkdir(path.dirname(target));
    await writeFile(target, 'old');
    const pickSavePath = vi.fn(async () => target);
    const saver = new FileSaver({ exportsDir, pickSavePath });
    expect(await saver.save('answers.txt', bytes('new'))).toEqual({ saved: true, path: target });
    expect(pickSavePath).toHaveBeenCalledWith('answers.txt');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(path.dirname(target))).toEqual(['my answers.txt']);
    await expect(readdir(exportsDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('is not saved when the person cancels', async () => {
    const saver = new FileSaver({ exportsDir, pickSavePath: async () => null });
    expect(await saver.save('answers.txt', bytes('new'))).toEqual({ saved: false, path: null });
    expect(await readdir(base)).toEqual([]);
  });

  it('refuses a relative path from the dialog', async () => {
    const saver = new FileSaver({ exportsDir, pickSavePath: async () => 'relative/answers.txt' });
    expect((await errorOf(saver.save('answers.txt', bytes('new')))).code).toBe('internal');
    expect(await readdir(base)).toEqual([]);
  });

  it('names the file when it cannot be written', async () => {
    const saver = new FileSaver({ exportsDir, pickSavePath: async () => path.join(base, 'missing-folder', 'a.txt') });
    const error = await errorOf(saver.save('a.txt', bytes('x')));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/could not save a\.txt/);
  });
});

describe('FileSaver.saveMany', () => {
  const files = [
    { name: 'one.txt', data: bytes('1') },
    { name: 'two.txt', data: bytes('2') },
    { name: 'three.csv', data: bytes('3') },
  ];

  it('writes every file into the exports folder; a name already there gets " (2)"', async () => {
    await fs.mkdir(exportsDir);
    await writeFile(path.join(exportsDir, 'two.txt'), 'there before');
    const saver = new FileSaver({ exportsDir });
    expect(await saver.saveMany(files)).toEqual({ saved: true, folder: exportsDir, count: 3 });
    expect((await readdir(exportsDir)).sort()).toEqual(['one.txt', 'three.csv', 'two (2).txt', 'two.txt']);
    expect(await readFile(path.join(exportsDir, 'two.txt'), 'utf8')).toBe('there before');
    expect(await readFile(path.join(exportsDir, 'two (2).txt'), 'utf8')).toBe('2');
  });

  it('writes into the folder the person picks; cancelled is not saved', async () => {
    const folder = path.join(base, 'picked');
    const saver = new FileSaver({ exportsDir, pickFolder: async () => folder });
    expect(await saver.saveMany(files)).toEqual({ saved: true, folder, count: 3 });
    expect((await readdir(folder)).sort()).toEqual(['one.txt', 'three.csv', 'two.txt']);
    const cancelled = new FileSaver({ exportsDir, pickFolder: async () => null });
    expect(await cancelled.saveMany(files)).toEqual({ saved: false, folder: null, count: 0 });
  });

  it('checks every name before writing any', async () => {
    const saver = new FileSaver({ exportsDir });
    const error = await errorOf(saver.saveMany([...files, { name: '../escape.txt', data: bytes('x') }]));
    expect(error.code).toBe('bad-request');
    expect(await readdir(base)).toEqual([]);
  });

  it('removes the files it wrote when one of them cannot be written', async () => {
    const link = fs.link.bind(fs);
    let calls = 0;
    vi.spyOn(fs, 'link').mockImplementation(async (from, to) => {
      calls += 1;
      if (calls === 2) throw Object.assign(new Error('i/o error'), { code: 'EIO' });
      return link(from, to);
    });
    const saver = new FileSaver({ exportsDir });
    const error = await errorOf(saver.saveMany(files));
    expect(error.message).toMatch(/could not save two\.txt: i\/o error/);
    expect(await readdir(exportsDir)).toEqual([]);
  });
});

describe('FileSaver on a full disk', () => {
  it('says the disk is full, and leaves no file (or temp file) behind', async () => {
    const probe = await fs.open(path.join(base, 'probe'), 'w');
    await probe.close();
    await rm(path.join(base, 'probe'));
    const proto = Object.getPrototypeOf(probe) as { writeFile: (...args: unknown[]) => Promise<void> };
    vi.spyOn(proto, 'writeFile').mockImplementation(async () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const saver = new FileSaver({ exportsDir });
    const one = await errorOf(saver.save('answers.pdf', bytes('x')));
    expect(one.message).toMatch(/could not save answers\.pdf: the disk is full/);
    const many = await errorOf(
      saver.saveMany([
        { name: 'a.txt', data: bytes('a') },
        { name: 'b.txt', data: bytes('b') },
      ]),
    );
    expect(many.message).toMatch(/the disk is full/);
    vi.mocked(proto.writeFile).mockRestore();
    expect(await readdir(exportsDir)).toEqual([]);
  });
});
