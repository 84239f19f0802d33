// Reads a transcript file in the CLI's shape ({"segments":[...]}), for the commands that take one.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Transcript } from '../shared/contract';

/** Reads and validates the transcript file; throws an Error whose message is the one line to print. */
export async function readTranscript(file: string): Promise<Transcript> {
  const name = path.basename(file);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new Error(`no such transcript file: ${file}`, { cause: error });
    if (code === 'EISDIR') throw new Error(`${file} is a folder, not a transcript file`, { cause: error });
    throw new Error(`cannot read ${file}: ${message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = Transcript.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'the top level';
    throw new Error(`${name} is not a transcript ({"segments":[...]}): ${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}
