// Where main keeps things inside the data folder. The recording and transcription services use the
// same places (recordings/, transcripts/, models/); this names them for the modules that work across them.
// A take's hesitations are cached beside its transcript; a take's audio may be in any of TAKE_AUDIO_EXTENSIONS.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const recordingsDir = (dataDir: string): string => path.join(dataDir, 'recordings');
export const transcriptsDir = (dataDir: string): string => path.join(dataDir, 'transcripts');

/** Main's transcript of a take (a TranscriptionState), as TranscriptionService saves it. */
export const transcriptPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.json`);

/** Main's cached hesitations of a take (TakeHesitationsService), beside its transcript. */
export const hesitationsPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.hesitations.json`);

/** Where a restore unpacks a backup before anything takes its place; whatever is here at start-up is a crash's leftover. */
export const restoreStagingDir = (dataDir: string): string => path.join(dataDir, '.restore-staging');

/**
 * The file kinds a take's audio may have, in the recordings folder as `<takeId>.<ext>`: the WAV it is
 * recorded to, and the compressed forms it may be converted to after transcription. Backup and restore
 * carry whichever of these a take has.
 */
export const TAKE_AUDIO_EXTENSIONS = ['wav', 'ogg', 'opus', 'webm'] as const;
export type TakeAudioExtension = (typeof TAKE_AUDIO_EXTENSIONS)[number];

export const isTakeAudioExtension = (ext: string): ext is TakeAudioExtension => (TAKE_AUDIO_EXTENSIONS as readonly string[]).includes(ext);

/** Where a take's audio of kind `ext` is. */
export const takeAudioPath = (recordings: string, takeId: string, ext: TakeAudioExtension): string =>
  path.join(recordings, `${takeId}.${ext}`);

export interface TakeAudioFile {
  ext: TakeAudioExtension;
  path: string;
  bytes: number;
}

/** The audio files a take has in `recordings` (regular files only), in TAKE_AUDIO_EXTENSIONS order. */
export async function takeAudioFiles(recordings: string, takeId: string): Promise<TakeAudioFile[]> {
  const found = await Promise.all(
    TAKE_AUDIO_EXTENSIONS.map(async (ext) => {
      const file = takeAudioPath(recordings, takeId, ext);
      const stat = await fs.lstat(file).catch(() => null);
      return stat?.isFile() ? { ext, path: file, bytes: stat.size } : null;
    }),
  );
  return found.filter((file): file is TakeAudioFile => file !== null);
}
