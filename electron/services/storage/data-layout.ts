// Where main keeps things inside the data folder. The recording and transcription services use the
// same places (recordings/, transcripts/, models/); this names them for the modules that work across them.
// A take's hesitations are cached beside its transcript.
import path from 'node:path';

export const recordingsDir = (dataDir: string): string => path.join(dataDir, 'recordings');
export const transcriptsDir = (dataDir: string): string => path.join(dataDir, 'transcripts');

/** Main's transcript of a take (a TranscriptionState), as TranscriptionService saves it. */
export const transcriptPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.json`);

/** Main's cached hesitations of a take (TakeHesitationsService), beside its transcript. */
export const hesitationsPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.hesitations.json`);
