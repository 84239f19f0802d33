// Reads a guard fixture (__fixtures__/guard-*.ojf.txt, whisper.cpp's exact -ojf layout) as the app does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Transcript } from '../transcript';
import { parseWhisperJson } from '../whisper-json';

export function fixtureTranscript(name: string): Transcript {
  return parseWhisperJson(readFileSync(path.join(import.meta.dirname, '..', '__fixtures__', name)));
}

export const wordsOf = (transcript: Transcript): string[] => transcript.segments.flatMap((s) => s.words.map((w) => w.text));
