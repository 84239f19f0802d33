// Entry point of the `rehearse` CLI (bundled to out/main/cli.js, started by bin/rehearse.js). Only the
// wiring to the real process lives here; runCli does the work and is what the tests call.
import { runCli } from './run-cli';

const controller = new AbortController();
// A reader that stops early (`| head`) closes the pipe: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});
// First Ctrl-C: stop the engine and clean up; a second one exits at once.
process.once('SIGINT', () => {
  controller.abort();
  process.once('SIGINT', () => process.exit(130));
});

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, signal: controller.signal, env: process.env }).then(
  (code) => {
    // exitCode, not exit(): lets piped stdout drain before the process ends.
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`rehearse: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
