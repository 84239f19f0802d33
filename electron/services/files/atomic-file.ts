// Writing files so that a reader never sees half of one: the bytes go to a temp file beside the target,
// are synced, and only then take the target's name. `writeNewFile` never replaces a file that is there
// (a hard link fails when the name is taken, where the file system has them), `replaceFile` does.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';

export type WriteBody = Uint8Array | ((handle: FileHandle) => Promise<void>);

/** Thrown by writeNewFile when the target exists (the message names it). */
export class FileExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly target: string) {
    super(`${target} exists already`);
    this.name = 'FileExistsError';
  }
}

/** Where a file is written before it takes its name: hidden, in the same folder (so a rename is atomic). */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

async function writeTemp(temp: string, body: WriteBody): Promise<void> {
  const handle = await fs.open(temp, 'wx');
  try {
    if (typeof body === 'function') await body(handle);
    else await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `target` atomically, replacing whatever file is there (a save dialog has asked already). */
export async function replaceFile(target: string, body: WriteBody): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeTemp(temp, body);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** File systems without hard links (FAT, some network shares) answer link() with one of these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK', 'EINVAL']);

/** Writes `target` atomically; throws FileExistsError (and writes nothing) when it exists. */
export async function writeNewFile(target: string, body: WriteBody): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeTemp(temp, body);
    await claimName(temp, target);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}

/**
 * Gives `source` (a complete, synced file in the same file system) the name `target`, never replacing a
 * file there: FileExistsError, and `source` left as it is, when the name is taken.
 */
export async function moveNewFile(source: string, target: string): Promise<void> {
  await claimName(source, target);
  await fs.rm(source, { force: true });
}

async function claimName(temp: string, target: string): Promise<void> {
  try {
    await fs.link(temp, target);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new FileExistsError(target);
    if (!NO_LINKS.has(code)) throw error;
  }
  // No hard links here: check, then rename (another writer could slip in between; nothing else can).
  if (await exists(target)) throw new FileExistsError(target);
  await fs.rename(temp, target);
}

export async function exists(target: string): Promise<boolean> {
  try {
    await fs.lstat(target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** `name`, then `name (2).ext`, `name (3).ext`, … */
export function numberedName(name: string, n: number): string {
  if (n <= 1) return name;
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)} (${n})${ext}`;
}

/**
 * Writes a new file named `name` in `dir`, or `name (2).ext` etc. when that is taken, and returns its
 * path. The bytes are written once, whichever name they end up with.
 */
export async function writeUniqueFile(dir: string, name: string, body: WriteBody, maxTries = 10_000): Promise<string> {
  const temp = tempPathFor(path.join(dir, name));
  try {
    await writeTemp(temp, body);
    for (let n = 1; n <= maxTries; n++) {
      const target = path.join(dir, numberedName(name, n));
      try {
        await claimName(temp, target);
        return target;
      } catch (error) {
        if (!(error instanceof FileExistsError)) throw error;
      }
    }
    throw new Error(`${dir} has ${maxTries} files named like ${name} already`);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
