// Builds the main-process services for one data folder and the contract's handlers over them.
// Electron's main and the browser host both start the app through this, so they behave the same.
import type { Response } from '../shared/contract';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { RecordingService } from './recordings/recording-service';

export interface AppServices {
  recording: RecordingService;
  dispatch: Dispatch;
  close(): Promise<void>;
}

export async function createAppServices(
  dataDir: string,
  info: Response<'app.info'>,
  log: (message: string) => void = (message) => console.error(message),
): Promise<AppServices> {
  const recording = await RecordingService.open(dataDir);
  const { recovered, failed } = recording.recovery;
  if (recovered.length > 0) log(`recovered ${recovered.length} take(s) left by a crash`);
  for (const { takeId, reason } of failed) log(`could not recover ${takeId} (left as it is): ${reason}`);
  const handlers: Handlers = {
    'app.info': () => info,
    'recording.start': ({ questionId }) => recording.start(questionId),
    'recording.chunk': ({ takeId, seq, bytes }) => recording.chunk(takeId, seq, bytes),
    'recording.stop': ({ takeId }) => recording.stop(takeId),
    'recordings.list': () => recording.list(),
  };
  return { recording, dispatch: createDispatcher(handlers, log), close: () => recording.close() };
}
