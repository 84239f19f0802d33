// `rehearse analyze <transcript.json> [--target-sec N] [--duration-ms N] [--audio <wav>]`: prints the
// speaking metrics of a transcript (the shape `rehearse transcribe --json` writes: {"segments":[...]}) as
// JSON. The metrics and their exact definitions are in electron/shared/analytics; with --audio, also
// heardFillerCount: the fillers heard in the recording that the transcript lacks
// (electron/services/hesitations; drawn-out words never count). On failure prints one line on stderr
// and exits non-zero (see EXIT): 2 for a wrong command line, 1 for a file that cannot be read or is not
// a transcript (the line names the bad field, e.g. segments.0.words.2.startMs).
import { findHesitations, heardFillerCount } from '../services/hesitations/find-hesitations';
import { analyzeTranscript } from '../shared/analytics/analyze';
import { Transcript } from '../shared/contract';
import { errorLine, EXIT, parseCommandLine, parseOrExit, UsageError, type CliIo } from './io';
import { readTakeSamples } from './read-audio';
import { readTranscript } from './read-transcript';

const NAME = 'rehearse analyze';
const SYNOPSIS = 'rehearse analyze <transcript.json> [--target-sec N] [--duration-ms N] [--audio <wav>]';

export const ANALYZE_USAGE = `Usage: ${SYNOPSIS}

Prints the speaking metrics of a transcript as JSON: words, pace, fillers, long pauses,
think time, length against a target, hedges, I vs we, repeated phrases, STAR cues.
The transcript is what \`rehearse transcribe --json\` prints: {"segments":[...]}.

  --target-sec N   the answer's target length in seconds (adds durationVsTarget, overTargetMs)
  --duration-ms N  the take's recorded length in ms (default: the end of the last word)
  --audio <wav>    the recording: adds heardFillerCount, the fillers heard in it that the
                   transcript lacks (held "uh", "um", "hmm"; not drawn-out words)
  -h, --help       show this help
`;

interface AnalyzeArgs {
  input: string;
  targetSec: number | undefined;
  durationMs: number | undefined;
  audio: string | undefined;
  help: boolean;
}

const NUMBER = /^\d+(\.\d+)?$/;

function parse(argv: string[]): AnalyzeArgs {
  const { values, positionals } = parseCommandLine(argv, {
    'target-sec': { type: 'string' },
    'duration-ms': { type: 'string' },
    audio: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { input: '', targetSec: undefined, durationMs: undefined, audio: undefined, help: true };
  if (positionals.length === 0) throw new UsageError('missing the transcript file');
  if (positionals.length > 1) throw new UsageError(`one transcript at a time, got ${positionals.length}`);
  const targetSec = values['target-sec'];
  if (targetSec !== undefined && !(NUMBER.test(targetSec) && Number(targetSec) > 0))
    throw new UsageError(`--target-sec must be a number of seconds above 0, got ${targetSec}`);
  const durationMs = values['duration-ms'];
  if (durationMs !== undefined && !NUMBER.test(durationMs))
    throw new UsageError(`--duration-ms must be a number of milliseconds (0 or more), got ${durationMs}`);
  if (values.audio === '') throw new UsageError('--audio needs a WAV file');
  return {
    input: positionals[0] as string,
    targetSec: targetSec === undefined ? undefined : Number(targetSec),
    durationMs: durationMs === undefined ? undefined : Number(durationMs),
    audio: values.audio,
    help: false,
  };
}

export async function runAnalyze(argv: string[], io: CliIo): Promise<number> {
  const args = parseOrExit(argv, io, { name: NAME, synopsis: SYNOPSIS, usage: ANALYZE_USAGE, parse });
  if (typeof args === 'number') return args;
  let transcript: Transcript;
  try {
    transcript = await readTranscript(args.input);
  } catch (error) {
    errorLine(io, NAME, (error as Error).message);
    return EXIT.failed;
  }
  const metrics = analyzeTranscript(transcript, { targetSec: args.targetSec, durationMs: args.durationMs });
  if (args.audio === undefined) {
    io.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
    return EXIT.ok;
  }
  let heard: number;
  try {
    const samples = await readTakeSamples(args.audio, (message) => errorLine(io, `${NAME}: warning`, message));
    heard = heardFillerCount(findHesitations(samples, { transcript }));
  } catch (error) {
    errorLine(io, NAME, (error as Error).message);
    return EXIT.failed;
  }
  io.stdout.write(`${JSON.stringify({ ...metrics, heardFillerCount: heard }, null, 2)}\n`);
  return EXIT.ok;
}
