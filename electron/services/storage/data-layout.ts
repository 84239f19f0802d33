// Where main keeps things inside the data folder. The recording and transcription services use the
// same places (recordings/, transcripts/, models/); this names them for the modules that work across them.
// A take's hesitations are cached beside its transcript. A finished take's audio is either its WAV (as
// recorded) or, once its transcript is saved, its Ogg Opus file (see recordings/compress-take.ts); backup
// and restore carry any of TAKE_AUDIO_EXTENSIONS.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const recordingsDir = (dataDir: string): string => path.join(dataDir, 'recordings');
export const transcriptsDir = (dataDir: string): string => path.join(dataDir, 'transcripts');

/** Main's transcript of a take (a TranscriptionState), as TranscriptionService saves it. */
export const transcriptPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.json`);

/** Main's cached hesitations of a take (TakeHesitationsService), beside its transcript. */
export const hesitationsPath = (dir: string, takeId: string): string => path.join(dir, `${takeId}.hesitations.json`);

/** The kinds of file a finished take's audio can be, in the order they are preferred when both exist. */
export const TAKE_AUDIO_FORMATS = [
  { format: 'wav', extension: '.wav', mime: 'audio/wav' },
  { format: 'opus', extension: '.opus', mime: 'audio/ogg; codecs=opus' },
] as const;
export type TakeAudioFormat = (typeof TAKE_AUDIO_FORMATS)[number]['format'];

export interface TakeAudioFile {
  path: string;
  format: TakeAudioFormat;
  extension: string;
  mime: string;
  bytes: number;
}

/**
 * Which audio file a finished take has in `recordingsDir`: its WAV while there is one (the recorded copy,
 * kept until the compressed one is verified), else its `.opus`; null when it has neither. Backup, replay,
 * transcription and export find a take's audio through this, whatever its extension.
 */
export async function findTakeAudio(recordingsDir: string, takeId: string): Promise<TakeAudioFile | null> {
  for (const kind of TAKE_AUDIO_FORMATS) {
    const file = path.join(recordingsDir, `${takeId}${kind.extension}`);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile()) return { path: file, format: kind.format, extension: kind.extension, mime: kind.mime, bytes: stat.size };
  }
  return null;
}

/** Where a restore unpacks a backup before anything takes its place; whatever is here at start-up is a crash's leftover. */
export const restoreStagingDir = (dataDir: string): string => path.join(dataDir, '.restore-staging');

/**
 * The file kinds a take's audio may have, in the recordings folder as `<takeId>.<ext>`: the WAV it is
 * recorded to, and the Opus it is converted to after transcription (TAKE_AUDIO_FORMATS). Backup and
 * restore carry whichever of these a take has.
 */
export const TAKE_AUDIO_EXTENSIONS = ['wav', 'opus'] as const;
export type TakeAudioExtension = (typeof TAKE_AUDIO_EXTENSIONS)[number];

export const isTakeAudioExtension = (ext: string): ext is TakeAudioExtension => (TAKE_AUDIO_EXTENSIONS as readonly string[]).includes(ext);

/** Where a take's audio of kind `ext` is. */
export const takeAudioPath = (recordings: string, takeId: string, ext: TakeAudioExtension): string =>
  path.join(recordings, `${takeId}.${ext}`);

export interface TakeAudioCopy {
  ext: TakeAudioExtension;
  path: string;
  bytes: number;
}

/** The audio files a take has in `recordings` (regular files only), in TAKE_AUDIO_EXTENSIONS order. */
export async function takeAudioFiles(recordings: string, takeId: string): Promise<TakeAudioCopy[]> {
  const found = await Promise.all(
    TAKE_AUDIO_EXTENSIONS.map(async (ext) => {
      const file = takeAudioPath(recordings, takeId, ext);
      const stat = await fs.lstat(file).catch(() => null);
      return stat?.isFile() ? { ext, path: file, bytes: stat.size } : null;
    }),
  );
  return found.filter((file): file is TakeAudioCopy => file !== null);
}
