// The contract's channel names alone, without schemas, for the sandboxed preload's allow-list.
export const CHANNELS = [
  'app.info',
  'recording.start',
  'recording.chunk',
  'recording.stop',
  'recordings.list',
  'transcription.get',
  'transcription.cancel',
  'transcription.retry',
  'models.get',
  'models.download',
  'models.cancelDownload',
  'models.importFile',
  'hesitations.get',
  'recordings.delete',
  'storage.usage',
  'files.save',
  'files.saveMany',
  'backup.create',
  'backup.restore',
] as const;
export type ChannelName = (typeof CHANNELS)[number];
