// The `rehearse` command line: dispatches to a subcommand. Add a command by adding it to COMMANDS.
import { runAnalyze } from './analyze-command';
import { runExport } from './export-command';
import { runHesitations } from './hesitations-command';
import { errorLine, EXIT, type CliCommand, type CliIo } from './io';
import { runTranscribe } from './transcribe-command';

const COMMANDS: Record<string, { run: CliCommand; summary: string }> = {
  transcribe: { run: runTranscribe, summary: 'transcribe a WAV file locally (whisper.cpp)' },
  analyze: { run: runAnalyze, summary: 'print speaking metrics of a transcript as JSON' },
  export: { run: runExport, summary: 'write a transcript as txt, md, srt, vtt, json or csv' },
  hesitations: { run: runHesitations, summary: 'list the filled pauses ("uh", "um") heard in a WAV file' },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return `Usage: rehearse <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`rehearse <command> --help\` for a command's options.\n`;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    errorLine(io, 'rehearse', `unknown command ${JSON.stringify(name)} (commands: ${Object.keys(COMMANDS).join(', ')})`);
    return EXIT.usage;
  }
  return command.run(rest, io);
}
