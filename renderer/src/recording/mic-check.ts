// The 5-second microphone check: record from the chosen input with the live level shown, decode what was
// recorded, measure it (mic-check-verdict.ts) and play it back. Playback goes through Web Audio, not an
// <audio> element: the CSP allows media only from 'self', and the recording is a blob.
import { LevelMeter } from './level-meter';
import { measureLevels, type MicLevels } from './mic-check-verdict';
import { describeMicError, micConstraints } from './take-recorder';

export const CHECK_MS = 5000;

export interface MicCheckRun {
  level: LevelMeter;
  startedAt: number;
  /** Resolves with the recording and its levels after CHECK_MS (or after cancel). */
  done: Promise<{ audio: AudioBuffer; levels: MicLevels }>;
  cancel(): void;
}

export async function startMicCheck(deviceId?: string): Promise<MicCheckRun> {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('This window cannot use a microphone (it is not a secure context).');
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(deviceId) });
  } catch (error) {
    throw new Error(describeMicError(error), { cause: error });
  }
  const level = new LevelMeter(stream);
  const recorder = new MediaRecorder(stream);
  const chunks: Blob[] = [];
  recorder.addEventListener('dataavailable', (event: BlobEvent) => chunks.push(event.data));
  const stopped = new Promise<void>((resolve) => recorder.addEventListener('stop', () => resolve(), { once: true }));
  recorder.start();
  const startedAt = performance.now();
  const stop = () => {
    if (recorder.state !== 'inactive') recorder.stop();
  };
  const timer = setTimeout(stop, CHECK_MS);
  stream.getAudioTracks()[0]?.addEventListener('ended', stop);
  const done = stopped.then(async () => {
    clearTimeout(timer);
    stream.getTracks().forEach((track) => track.stop());
    level.close();
    const bytes = await new Blob(chunks, { type: recorder.mimeType }).arrayBuffer();
    const context = new AudioContext();
    try {
      const audio = await context.decodeAudioData(bytes);
      return { audio, levels: measureLevels(audio.getChannelData(0), audio.sampleRate) };
    } finally {
      void context.close();
    }
  });
  return { level, startedAt, done, cancel: stop };
}

/** Plays a recording on the default output; resolves when it has played (or at once if stopped). */
export function playBack(audio: AudioBuffer): { ended: Promise<void>; stop(): void } {
  const context = new AudioContext();
  const source = context.createBufferSource();
  source.buffer = audio;
  source.connect(context.destination);
  const ended = new Promise<void>((resolve) => (source.onended = () => resolve())).finally(() => void context.close());
  source.start();
  return {
    ended,
    stop: () => {
      try {
        source.stop();
      } catch {
        // Already ended.
      }
    },
  };
}
