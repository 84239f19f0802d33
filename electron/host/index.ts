// `node out/main/host.js [--port N]`: runs the app's services and serves the built renderer to a
// browser on 127.0.0.1. Prints the address on its first line of output; stops cleanly on SIGINT/SIGTERM.
// Refuses to start (exit code 2, one line saying why) on a data folder another Rehearse has open.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createAppServices } from '../services/app-services';
import { resolveDataDir } from '../services/data-dir';
import { acquireDataLock } from '../services/data-lock';
import { startBrowserHost } from './browser-host';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  const dataDir = resolveDataDir();
  const lock = await acquireDataLock(dataDir);
  if (!lock.ok) {
    console.error(`Rehearse browser host did not start: ${lock.message}`);
    process.exit(2);
  }
  const services = await createAppServices(dataDir, {
    version: process.env.npm_package_version ?? '0.1.0',
    host: 'browser',
  });
  const host = await startBrowserHost({ services, rendererDir: path.join(__dirname, '../renderer'), port });
  console.log(`Rehearse is running at ${host.url} (data in ${dataDir})`);
  const stop = () => {
    void host
      .close()
      .then(() => services.close())
      .finally(() => lock.release().finally(() => process.exit(0)));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Rehearse browser host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
