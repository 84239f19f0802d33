// Where takes are kept: REHEARSE_DATA_DIR when set (tests give each run its own), otherwise the
// per-user application-data folder of the platform, the same for the Electron app and the browser host.
import os from 'node:os';
import path from 'node:path';

export function resolveDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.REHEARSE_DATA_DIR) return path.resolve(env.REHEARSE_DATA_DIR);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Rehearse');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Rehearse');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'rehearse');
}
