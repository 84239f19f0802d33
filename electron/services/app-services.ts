// Builds the main-process services for one data folder and the contract's handlers over them.
// Electron's main and the browser host both start the app through this, so they behave the same.
import path from 'node:path';
import type { Response } from '../shared/contract';
import { BackupJobs } from './backup/backup-job';
import { BackupSource } from './backup/backup-source';
import { createBackup } from './backup/create-backup';
import { clearRestoreStaging, restoreBackup } from './backup/restore-backup';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { FileSaver, resolveExportsDir } from './files/file-saver';
import { TakeHesitationsService } from './hesitations/take-hesitations';
import { ModelManager } from './models/model-manager';
import { ModelStore, modelsDir } from './models/model-store';
import { AudioCompactor } from './recordings/audio-compactor';
import { RecordingService } from './recordings/recording-service';
import { findTakeAudio, restoreStagingDir, transcriptsDir } from './storage/data-layout';
import { deleteTakes } from './storage/delete-takes';
import { storageUsage } from './storage/storage-usage';
import type { Transcribe } from './transcription/take-transcriber';
import { readSavedTranscription } from './transcription/saved-transcription';
import { clearTranscriptionWork, TranscriptionService } from './transcription/transcription-service';
import { ENGINE_MISSING_MESSAGE, findWhisperBinary } from './transcription/whisper-binary';
import { transcribeWav } from './transcription/whisper-engine';

export interface AppServices {
  recording: RecordingService;
  transcription: TranscriptionService;
  models: ModelStore;
  compactor: AudioCompactor;
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
  /** Asks for a backup to restore; null when the person cancels. Without it, backups are read from the exports folder. */
  pickBackupFile?: () => Promise<string | null>;
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
  /** A finished take's audio, WAV or Ogg Opus (a take being recorded has only its .wav.partial). */
  const audioPathOf = async (takeId: string) => (await findTakeAudio(recordingsDir, takeId))?.path ?? null;
  let compactor: AudioCompactor | null = null;
  // A transcription that a crash or a kill cut short left its chunk's audio here; no engine runs yet.
  await clearTranscriptionWork(dataDir);
  const transcription = new TranscriptionService({
    dataDir,
    engine: () => resolveEngine(models),
    audioPathOf,
    onSaved: (takeId) => compactor?.add(takeId),
  });
  const hesitations = new TakeHesitationsService({ transcriptsDir: transcriptsDir(dataDir), audioPathOf });
  const recording = await RecordingService.open(dataDir, { listener: transcription });
  const backupJobs = new BackupJobs();
  // A take's WAV becomes Ogg Opus once its transcript is saved; never while anything else uses the CPU or
  // the audio (a backup reads the very files it would replace, a restore moves files into the folder).
  compactor = new AudioCompactor({
    store: recording.store,
    hasTranscript: async (takeId) => (await readSavedTranscription(transcriptsDir(dataDir), takeId))?.status === 'done',
    busy: () => transcription.busy || hesitations.busy || backupJobs.running,
    log,
  });
  // REHEARSE_COMPRESS_AUDIO=off keeps every take as recorded (tests that examine the recorded WAV itself).
  if (process.env.REHEARSE_COMPRESS_AUDIO !== 'off') compactor.start();
  else compactor.close().catch(() => undefined);
  const audio = compactor;
  const { recovered, failed } = recording.recovery;
  const saver = new FileSaver({
    exportsDir: resolveExportsDir(dataDir),
    pickSavePath: capabilities.pickSavePath,
    pickFolder: capabilities.pickFolder,
  });
  // A restore that a crash or a kill interrupted left only its staging folder: nothing had taken a place yet.
  await clearRestoreStaging(restoreStagingDir(dataDir));
  const backupSource = new BackupSource({ exportsDir: resolveExportsDir(dataDir), pickBackupFile: capabilities.pickBackupFile });
  const takeFiles = {
    store: recording.store,
    transcriptsDir: transcriptsDir(dataDir),
    stagingDir: restoreStagingDir(dataDir),
    recordingIds: async () => new Set((await recording.list()).filter((take) => take.status === 'recording').map((take) => take.takeId)),
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
    'recordings.delete': ({ takeIds }) => deleteTakes(takeFiles, takeIds),
    'storage.usage': async () => {
      const notice = audio.notice();
      return { ...(await storageUsage({ ...takeFiles, modelsDir: models.dir })), ...(notice ? { audioNotice: notice } : {}) };
    },
    'files.save': ({ suggestedName, data }) => saver.save(suggestedName, data),
    'files.saveMany': ({ files }) => saver.saveMany(files),
    'backup.create': ({ records }) =>
      backupJobs.run('create', (control) => createBackup({ ...takeFiles, saver, appVersion: info.version }, records, control)),
    'backup.files': () => backupSource.files(),
    'backup.restore': async ({ fileName }) => {
      const zipPath = await backupSource.resolve(fileName);
      if (zipPath === null) return { restored: false };
      return backupJobs.run('restore', (control) => restoreBackup(takeFiles, zipPath, control));
    },
    'backup.progress': () => backupJobs.progress(),
    'backup.cancel': () => backupJobs.cancel(),
  };
  return {
    recording,
    transcription,
    models,
    compactor: audio,
    dispatch: createDispatcher(handlers, log),
    close: async () => {
      await audio.close();
      await recording.close();
    },
  };
}
