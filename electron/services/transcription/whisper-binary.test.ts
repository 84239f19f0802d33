// The engine resolver for all three platforms, on paths given to it (not this machine's `process`):
// packaged resources first, then REHEARSE_WHISPER_BIN, then the developer build.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findDevRoot, locateEngine, type EngineLookup } from './whisper-binary';
import { REPO_ROOT } from './engine-test-support';

const CASES = [
  {
    platform: 'win32',
    arch: 'x64',
    resources: 'C:\\Program Files\\Rehearse\\resources',
    packaged: 'C:\\Program Files\\Rehearse\\resources\\engine\\win32-x64\\whisper-cli.exe',
    devRoot: 'D:\\src\\rehearse',
    dev: 'D:\\src\\rehearse\\build\\engine\\win32-x64\\whisper-cli.exe',
    override: 'C:\\Users\\José\\whisper\\main.exe',
  },
  {
    platform: 'darwin',
    arch: 'arm64',
    resources: '/Applications/Rehearse.app/Contents/Resources',
    packaged: '/Applications/Rehearse.app/Contents/Resources/engine/darwin-arm64/whisper-cli',
    devRoot: '/Users/jo/rehearse',
    dev: '/Users/jo/rehearse/build/engine/darwin-arm64/whisper-cli',
    override: '/opt/whisper/main',
  },
  {
    platform: 'linux',
    arch: 'x64',
    resources: '/tmp/.mount_Rehearse/resources',
    packaged: '/tmp/.mount_Rehearse/resources/engine/linux-x64/whisper-cli',
    devRoot: '/home/jo/rehearse',
    dev: '/home/jo/rehearse/build/engine/linux-x64/whisper-cli',
    override: '/usr/local/bin/whisper-main',
  },
] as const;

describe.each(CASES)('locateEngine on $platform-$arch', (c) => {
  const lookup = (present: string[], extra: Partial<EngineLookup> = {}) =>
    locateEngine({
      platform: c.platform,
      arch: c.arch,
      env: {},
      resourcesPath: c.resources,
      devRoot: c.devRoot,
      isExecutable: (file) => present.includes(file),
      ...extra,
    });

  it('finds the packaged engine in the resources folder first, even with an override or a dev build present', () => {
    expect(lookup([c.packaged, c.dev, c.override], { env: { REHEARSE_WHISPER_BIN: c.override } })).toEqual({
      file: c.packaged,
      source: 'packaged',
    });
  });

  it('then REHEARSE_WHISPER_BIN, and a wrong override is reported (null), not replaced by the dev build', () => {
    expect(lookup([c.override, c.dev], { env: { REHEARSE_WHISPER_BIN: c.override } })).toEqual({ file: c.override, source: 'env' });
    expect(lookup([c.dev], { env: { REHEARSE_WHISPER_BIN: c.override } })).toBeNull();
  });

  it('then the developer build, for this platform and architecture only', () => {
    expect(lookup([c.dev], { resourcesPath: undefined })).toEqual({ file: c.dev, source: 'dev' });
    const otherArch = c.arch === 'x64' ? 'arm64' : 'x64';
    expect(lookup([c.dev], { arch: otherArch })).toBeNull();
  });

  it('is null when there is no engine anywhere', () => {
    expect(lookup([])).toBeNull();
    expect(lookup([], { resourcesPath: undefined, devRoot: null })).toBeNull();
  });
});

describe('findDevRoot', () => {
  it('finds this checkout from a module inside it, and nothing from outside it', () => {
    expect(findDevRoot(path.join(REPO_ROOT, 'electron', 'services', 'transcription'))).toBe(REPO_ROOT);
    expect(findDevRoot(path.join(REPO_ROOT, 'out', 'main'))).toBe(REPO_ROOT);
    expect(findDevRoot(path.parse(REPO_ROOT).root)).toBeNull();
  });
});
