// `npm run bench`: runs each bench in its own process (progress on stderr), and prints ONE JSON line
// last: the benches' results merged. BENCH_ONLY=transcription, history, engine or hesitation runs one of them.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BENCHES = ['transcription', 'transcription-memory', 'history', 'engine-cpu', 'hesitation'].filter(
  (name) => !process.env.BENCH_ONLY || name.startsWith(process.env.BENCH_ONLY),
);

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
