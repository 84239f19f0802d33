// Deletes takes for good: each take's audio (WAV or Ogg Opus), its `.wav.partial` / `.opus.partial`, its sidecar, main's transcript (and the
// temp files of those, should a crash have left any) and its cached hesitations. Paths are built from
// validated take ids only, never taken from a request. A take being recorded is refused before anything
// is deleted; the others' transcriptions are stopped first (`forget`), so no transcript comes back.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TakeId, type Response } from '../../shared/contract';
import type { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { hesitationsPath, transcriptPath } from './data-layout';

export interface DeleteTakesOptions {
  store: TakeStore;
  transcriptsDir: string;
  /** The takes being recorded now. */
  recordingIds(): Promise<Set<string>>;
  /** Stops whatever else works on these takes (their transcription) before their files go. */
  forget?(takeIds: string[]): Promise<void>;
}

/** Every file of `takeId`, each inside its own folder. */
export function takeFiles(store: TakeStore, transcriptsDir: string, takeId: string): string[] {
  if (!TakeId.safeParse(takeId).success) throw new ServiceError('bad-request', `not a take id: ${JSON.stringify(takeId)}`);
  const transcript = transcriptPath(transcriptsDir, takeId);
  const files = [store.wavPath(takeId), store.partialPath(takeId), store.opusPath(takeId), store.opusPartialPath(takeId)];
  files.push(store.metaPath(takeId), `${store.metaPath(takeId)}.tmp`);
  files.push(transcript, `${transcript}.tmp`, hesitationsPath(transcriptsDir, takeId));
  const folders = new Set([path.resolve(store.dir), path.resolve(transcriptsDir)]);
  for (const file of files) {
    if (!folders.has(path.resolve(path.dirname(file))) || !path.basename(file).startsWith(`${takeId}.`)) {
      throw new ServiceError('internal', `${file} is not a file of ${takeId}`);
    }
  }
  return files;
}

export async function deleteTakes(options: DeleteTakesOptions, takeIds: string[]): Promise<Response<'recordings.delete'>> {
  const { store, transcriptsDir } = options;
  const plans = [...new Set(takeIds)].map((takeId) => ({ takeId, files: takeFiles(store, transcriptsDir, takeId) }));
  const recording = await options.recordingIds();
  const busy = plans.filter(({ takeId }) => recording.has(takeId)).map(({ takeId }) => takeId);
  if (busy.length > 0) {
    throw new ServiceError(
      'conflict',
      `${busy.join(', ')} ${busy.length === 1 ? 'is' : 'are'} being recorded: stop recording before deleting`,
    );
  }
  await options.forget?.(plans.map(({ takeId }) => takeId));
  let deleted = 0;
  let bytesFreed = 0;
  for (const { files } of plans) {
    let removedAny = false;
    for (const file of files) {
      const freed = await removeFile(file);
      if (freed === null) continue;
      removedAny = true;
      bytesFreed += freed;
    }
    if (removedAny) deleted += 1;
  }
  return { deleted, bytesFreed };
}

/** Removes one file; its size, or null when there was none. */
async function removeFile(file: string): Promise<number | null> {
  const stat = await fs.lstat(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  // A folder of that name is not ours to remove; a symbolic link is removed itself, never what it points to.
  if (!stat || stat.isDirectory()) return null;
  try {
    await fs.unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ServiceError('internal', `could not delete ${path.basename(file)}: ${(error as Error).message}`);
  }
  return stat.size;
}
