// `npm run bench`: runs each bench in its own process (progress on stderr), and prints ONE JSON line
// last: the benches' results merged. BENCH_ONLY=transcription, history, engine, hesitation, storage, backup or from-file runs
// one of them; BENCH_ONLY=storage runs the storage group (storage and backup).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** Each bench, and the group BENCH_ONLY may name to run several. */
const ALL: { name: string; group?: string }[] = [
  { name: 'transcription' },
  { name: 'transcription-memory' },
  { name: 'history' },
  { name: 'engine-cpu' },
  { name: 'hesitation' },
  { name: 'storage', group: 'storage' },
  { name: 'backup', group: 'storage' },
  { name: 'from-file-memory' },
];
const only = process.env.BENCH_ONLY;
const BENCHES = ALL.filter(({ name, group }) => !only || name.startsWith(only) || group === only).map(({ name }) => name);

function run(name: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(HERE, `${name}-bench.mjs`)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.once('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`the ${name} bench failed (exit ${code})`));
      try {
        resolve(JSON.parse(last) as Record<string, unknown>);
      } catch {
        reject(new Error(`the ${name} bench printed no JSON result`));
      }
    });
  });
}

async function main(): Promise<void> {
  const merged: Record<string, unknown> = {};
  for (const name of BENCHES) Object.assign(merged, await run(name));
  process.stdout.write(`${JSON.stringify(merged)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
