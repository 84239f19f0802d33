// Where `npm run test:package` packs the unpacked app for each target it checks (see global-setup.ts).
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');
export const WORK_DIR = path.join(ROOT, '.tmp', 'package-test');

export interface PackTarget {
  /** Node's name for the platform, as in build/engine/<platform>-<arch> and process.platform. */
  platform: 'linux' | 'win32';
  arch: 'x64';
  /** electron-builder's command-line flag for the platform. */
  flag: '--linux' | '--win';
  /** The folder electron-builder writes the unpacked app to, inside its output folder. */
  unpackedName: string;
  /** The app's executable in that folder. */
  executable: string;
}

export const TARGETS: PackTarget[] = [
  { platform: 'linux', arch: 'x64', flag: '--linux', unpackedName: 'linux-unpacked', executable: 'rehearse' },
  { platform: 'win32', arch: 'x64', flag: '--win', unpackedName: 'win-unpacked', executable: 'Rehearse.exe' },
];

export function targetName(target: PackTarget): string {
  return `${target.platform}-${target.arch}`;
}

/** The unpacked app for a target: what an installer would put on disk. */
export function unpackedDir(target: PackTarget): string {
  return path.join(WORK_DIR, targetName(target), target.unpackedName);
}
