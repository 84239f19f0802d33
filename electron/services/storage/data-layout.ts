// Where main keeps things inside the data folder. The recording and transcription services use the
// same places (recordings/, transcripts/, models/); this names them for the modules that work across them.
import path from 'node:path';

export const recordingsDir = (dataDir: string): string => path.join(dataDir, 'recordings');
export const transcriptsDir = (dataDir: string): string => path.join(dataDir, 'transcripts');

/** Main's transcript of a take (a TranscriptionState), as TranscriptionService saves it. */
export const transcriptPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.json`);
