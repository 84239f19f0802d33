// Builds the main-process services for one data folder and the contract's handlers over them.
// Electron's main and the browser host both start the app through this, so they behave the same.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Response } from '../shared/contract';
import { createBackup } from './backup/create-backup';
import { restoreBackup } from './backup/restore-backup';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { FileSaver, resolveExportsDir } from './files/file-saver';
import { TakeHesitationsService } from './hesitations/take-hesitations';
import { ModelManager } from './models/model-manager';
import { ModelStore, modelsDir } from './models/model-store';
import { RecordingService } from './recordings/recording-service';
import { transcriptsDir } from './storage/data-layout';
import { deleteTakes } from './storage/delete-takes';
import { storageUsage } from './storage/storage-usage';
import type { Transcribe } from './transcription/take-transcriber';
import { TranscriptionService } from './transcription/transcription-service';
import { ENGINE_MISSING_MESSAGE, findWhisperBinary } from './transcription/whisper-binary';
import { transcribeWav } from './transcription/whisper-engine';

export interface AppServices {
  recording: RecordingService;
  transcription: TranscriptionService;
  models: ModelStore;
  dispatch: Dispatch;
  close(): Promise<void>;
}

/** The engine with the model to use, or why transcription is not possible yet. */
async function resolveEngine(models: ModelStore): Promise<Transcribe | { unavailable: string; code: string }> {
  const binaryPath = findWhisperBinary();
  if (!binaryPath) {
    return {
      code: 'engine-missing',
      unavailable: ENGINE_MISSING_MESSAGE,
    };
  }
  const modelPath = process.env.REHEARSE_MODEL ?? (await models.defaultModel())?.path;
  if (!modelPath) return { code: 'no-model', unavailable: 'no speech model is installed yet: download one (base.en is a good start)' };
  return (wavPath, options) => transcribeWav(wavPath, { modelPath, binaryPath, ...options });
}

/**
 * What only the host can do: Electron has native dialogs, the browser host has none. Without
 * pickSavePath / pickFolder, saved files go into the exports folder (REHEARSE_EXPORT_DIR, else
 * `<data>/exports`) under names not taken yet.
 */
export interface HostCapabilities {
  pickModelFile?: () => Promise<string | null>;
  /** Asks where to save one file, suggesting `suggestedName`; null when the person cancels. */
  pickSavePath?: (suggestedName: string) => Promise<string | null>;
  /** Asks for a folder to save several files in; null when the person cancels. */
  pickFolder?: () => Promise<string | null>;
}

export async function createAppServices(
  dataDir: string,
  info: Response<'app.info'>,
  log: (message: string) => void = (message) => console.error(message),
  capabilities: HostCapabilities = {},
): Promise<AppServices> {
  const models = new ModelStore(modelsDir(dataDir));
  const modelManager = new ModelManager(models);
  const recordingsDir = path.join(dataDir, 'recordings');
  /** A finished take's audio (a take being recorded has only its .wav.partial). */
  const wavPathOf = async (takeId: string) => {
    const wavPath = path.join(recordingsDir, `${takeId}.wav`);
    return (await fs.stat(wavPath).catch(() => null))?.isFile() ? wavPath : null;
  };
  const transcription = new TranscriptionService({ dataDir, engine: () => resolveEngine(models), wavPathOf });
  const hesitations = new TakeHesitationsService({ transcriptsDir: transcriptsDir(dataDir), wavPathOf });
  await TranscriptionService.removeLeftoverWork(dataDir);
  const recording = await RecordingService.open(dataDir, { listener: transcription });
  const { recovered, failed } = recording.recovery;
  const saver = new FileSaver({
    exportsDir: resolveExportsDir(dataDir),
    pickSavePath: capabilities.pickSavePath,
    pickFolder: capabilities.pickFolder,
  });
  const takeFiles = {
    store: recording.store,
    transcriptsDir: transcriptsDir(dataDir),
    recordingIds: async () => recording.recordingIds(),
  };
  if (recovered.length > 0) log(`recovered ${recovered.length} take(s) left by a crash`);
  for (const { takeId, reason } of failed) log(`could not recover ${takeId} (left as it is): ${reason}`);
  const handlers: Handlers = {
    'app.info': () => info,
    'recording.start': ({ questionId }) => recording.start(questionId),
    'recording.chunk': ({ takeId, seq, bytes }) => recording.chunk(takeId, seq, bytes),
    'recording.stop': ({ takeId }) => recording.stop(takeId),
    'recordings.list': () => recording.list(),
    'transcription.get': ({ takeId }) => transcription.get(takeId),
    'transcription.cancel': ({ takeId }) => transcription.cancel(takeId),
    'transcription.retry': ({ takeId }) => transcription.retry(takeId),
    'models.get': () => modelManager.state(),
    'models.download': ({ name }) => modelManager.start(name),
    'models.cancelDownload': () => modelManager.cancel(),
    'models.importFile': () => modelManager.importFile(capabilities.pickModelFile),
    'hesitations.get': ({ takeId }) => hesitations.get(takeId),
    'recordings.delete': ({ takeIds }) => deleteTakes({ ...takeFiles, forget: (ids) => transcription.forget(ids) }, takeIds),
    'storage.usage': () => storageUsage({ ...takeFiles, modelsDir: models.dir }),
    'files.save': ({ suggestedName, data }) => saver.save(suggestedName, data),
    'files.saveMany': ({ files }) => saver.saveMany(files),
    'backup.create': ({ records }) => createBackup({ ...takeFiles, saver, appVersion: info.version }, records),
    'backup.restore': ({ data }) => restoreBackup(takeFiles, data),
  };
  // Quitting: the takes being recorded are finished first (their tails reach transcription), then every
  // transcription job is cancelled and the engine killed, so no child outlives the app.
  const close = async () => {
    await recording.close();
    await transcription.close();
  };
  return { recording, transcription, models, dispatch: createDispatcher(handlers, log), close };
}
