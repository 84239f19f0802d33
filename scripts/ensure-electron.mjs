// Before `npm start`: Electron downloads its binary lazily, and electron-vite will not trigger that, so
// fetch it here on first start. Where it cannot be downloaded, say so and point to the browser version.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
const result = spawnSync(process.execPath, [installer], { stdio: 'inherit' });
if (result.status !== 0) {
  console.error(
    '\nRehearse could not download Electron (it needs the internet once). ' +
      'Try again when online, or run the same app in your browser: npm run start:browser\n',
  );
  process.exit(1);
}
