// Reads main's saved transcription of a take (<data>/transcripts/<take>.json, as TranscriptionService
// writes it), for the services that build on the transcript.
import { promises as fs } from 'node:fs';
import { Transcript, type TranscriptionState } from '../../shared/contract';
import { transcriptPath } from '../storage/data-layout';

/** The saved state, or null when there is none or it is not readable (its transcript not valid). */
export async function readSavedTranscription(transcriptsDir: string, takeId: string): Promise<TranscriptionState | null> {
  try {
    const saved = JSON.parse(await fs.readFile(transcriptPath(transcriptsDir, takeId), 'utf8')) as TranscriptionState;
    return Transcript.safeParse(saved.transcript).success ? saved : null;
  } catch {
    return null;
  }
}
