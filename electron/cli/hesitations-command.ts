// `rehearse hesitations <audio.wav> [--transcript <t.json>] [--json]`: the filled pauses heard in a take
// ("uh", "um", "hmm"…), found in the audio by electron/services/hesitations whatever a transcript says.
// Any uncompressed WAV is accepted (converted to 16 kHz mono first, as `rehearse transcribe` does). With
// --transcript, hesitations on a transcribed filler are marked transcribed, and those inside a recognised
// word are dropped or marked drawn-out. On failure prints one line on stderr and exits non-zero (see EXIT).
import path from 'node:path';
import type { Transcript } from '../shared/contract';
import { findHesitations, type Hesitation } from '../services/hesitations/find-hesitations';
import { errorLine, EXIT, parseCommandLine, parseOrExit, UsageError, type CliIo } from './io';
import { readTakeSamples } from './read-audio';
import { readTranscript } from './read-transcript';
import { clock } from './transcribe-command';

const NAME = 'rehearse hesitations';
const SYNOPSIS = 'rehearse hesitations <audio.wav> [--transcript <t.json>] [--json]';

export const HESITATIONS_USAGE = `Usage: ${SYNOPSIS}

Lists the filled pauses heard in a recording: held "uh"/"er" (kind uh), "um"/"hmm" (um), other held
voiced sounds (hesitation), and with a transcript, words with a held vowel (drawn-out, never a filler).
Found in the audio itself, so fillers the speech engine left out are heard too.

  --transcript <t.json>  the recording's transcript ({"segments":[...]}, as \`rehearse transcribe --json\`
                         prints): hesitations on a transcribed filler are marked transcribed, those
                         inside another word are dropped or marked drawn-out
  --json                 print {"hesitations":[{"startMs","endMs","kind","score","transcribed"}]}
                         ("word" too, for a transcribed filler or a drawn-out word)
  -h, --help             show this help
`;

interface HesitationsArgs {
  input: string;
  transcript: string | undefined;
  json: boolean;
  help: boolean;
}

function parse(argv: string[]): HesitationsArgs {
  const { values, positionals } = parseCommandLine(argv, {
    transcript: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return { input: '', transcript: undefined, json: false, help: true };
  if (positionals.length === 0) throw new UsageError('missing the audio file');
  if (positionals.length > 1) throw new UsageError(`one audio file at a time, got ${positionals.length}`);
  if (values.transcript === '') throw new UsageError('--transcript needs a file');
  return { input: positionals[0] as string, transcript: values.transcript, json: values.json ?? false, help: false };
}

export async function runHesitations(argv: string[], io: CliIo): Promise<number> {
  const args = parseOrExit(argv, io, { name: NAME, synopsis: SYNOPSIS, usage: HESITATIONS_USAGE, parse });
  if (typeof args === 'number') return args;
  let hesitations: Hesitation[];
  try {
    // the transcript first: it is cheap to check, and a bad one should not wait for the audio
    const transcript: Transcript | undefined = args.transcript === undefined ? undefined : await readTranscript(args.transcript);
    const samples = await readTakeSamples(args.input, (message) => errorLine(io, `${NAME}: warning`, message));
    hesitations = findHesitations(samples, { transcript });
  } catch (error) {
    errorLine(io, NAME, (error as Error).message);
    return EXIT.failed;
  }
  if (args.json) {
    io.stdout.write(`${JSON.stringify({ hesitations })}\n`);
  } else {
    io.stdout.write(hesitations.map(describe).join(''));
    if (hesitations.length === 0) io.stderr.write(`${NAME}: no hesitations heard in ${path.basename(args.input)}\n`);
  }
  return EXIT.ok;
}

/** "[00:03.210 --> 00:03.550] uh  score 0.59", and what the transcript says about it. */
export function describe(h: Hesitation): string {
  const note =
    h.kind === 'drawn-out'
      ? `  (the word "${h.word ?? ''}" drawn out: not a filler)`
      : h.transcribed
        ? `  (also in the transcript: "${h.word ?? ''}")`
        : '';
  return `[${clock(h.startMs)} --> ${clock(h.endMs)}] ${h.kind.padEnd(10)} score ${h.score.toFixed(2)}${note}\n`;
}
