// Captures the microphone and streams it to main while recording. Capture uses MediaRecorder with
// uncompressed PCM in WebM: the browser buffers and timestamps it on its own threads, so a busy CPU
// (transcription runs alongside) delays chunks but does not drop audio, unlike a Web Audio worklet
// on a default AudioContext. Main decodes, resamples and writes; the renderer never writes files.
import type { TakeInfo } from '../../../electron/shared/contract';
import { call } from '../api/client';
import { LevelMeter } from './level-meter';

export const CAPTURE_MIME = 'audio/webm;codecs=pcm';
const CHUNK_MS = 250;

export const MIC_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: false,
  noiseSuppression: false,
  autoGainControl: false,
  channelCount: { ideal: 1 },
};

export function micConstraints(deviceId?: string): MediaTrackConstraints {
  return deviceId ? { ...MIC_CONSTRAINTS, deviceId: { exact: deviceId } } : MIC_CONSTRAINTS;
}

export interface TakeRecorderEvents {
  /** Sending a chunk failed: the take is being stopped; what reached main is kept. */
  onFailure(message: string): void;
}

export class TakeRecorder {
  private seq = 0;
  private sending: Promise<void> = Promise.resolve();
  private failure: string | null = null;
  private startedAt = performance.now();
  private stoppedAt: number | null = null;

  private constructor(
    readonly takeId: string,
    private readonly stream: MediaStream,
    private readonly recorder: MediaRecorder,
    readonly level: LevelMeter,
    private readonly events: TakeRecorderEvents,
  ) {}

  /** Records from `deviceId` (exactly that device) when given, else from the system default. */
  static async start(questionId: string, events: TakeRecorderEvents, deviceId?: string): Promise<TakeRecorder> {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('This window cannot use a microphone (it is not a secure context).');
    if (!MediaRecorder.isTypeSupported(CAPTURE_MIME))
      throw new Error('This browser cannot record uncompressed audio (audio/webm;codecs=pcm).');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: micConstraints(deviceId) });
    } catch (error) {
      throw new Error(describeMicError(error), { cause: error });
    }
    try {
      const { takeId } = await call('recording.start', { questionId });
      const recorder = new MediaRecorder(stream, { mimeType: CAPTURE_MIME });
      const take = new TakeRecorder(takeId, stream, recorder, new LevelMeter(stream), events);
      take.listen();
      recorder.start(CHUNK_MS);
      take.startedAt = performance.now();
      return take;
    } catch (error) {
      stream.getTracks().forEach((track) => track.stop());
      throw error;
    }
  }

  /** Time recorded so far: from the start of capture to now, or to Stop. */
  elapsedMs(): number {
    return (this.stoppedAt ?? performance.now()) - this.startedAt;
  }

  /** Stops capture, waits until every chunk reached main, then finishes the take there. */
  async stop(): Promise<TakeInfo> {
    this.stoppedAt ??= performance.now();
    if (this.recorder.state !== 'inactive') {
      const stopped = new Promise<void>((resolve) => this.recorder.addEventListener('stop', () => resolve(), { once: true }));
      this.recorder.stop();
      await stopped;
    }
    this.release();
    await this.sending;
    return call('recording.stop', { takeId: this.takeId });
  }

  private listen(): void {
    this.recorder.addEventListener('dataavailable', (event: BlobEvent) => {
      if (event.data.size === 0) return;
      const seq = this.seq++;
      this.sending = this.sending.then(() => this.send(seq, event.data));
    });
    this.recorder.addEventListener('error', () => this.fail('the browser stopped the recorder'));
    this.stream.getAudioTracks()[0]?.addEventListener('ended', () => this.fail('the microphone was disconnected'));
  }

  private async send(seq: number, blob: Blob): Promise<void> {
    if (this.failure) return;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    try {
      await call('recording.chunk', { takeId: this.takeId, seq, bytes });
    } catch (error) {
      this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  private fail(message: string): void {
    if (this.failure) return;
    this.failure = message;
    this.stoppedAt ??= performance.now();
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.release();
    this.events.onFailure(message);
  }

  private release(): void {
    this.stream.getTracks().forEach((track) => track.stop());
    this.level.close();
  }
}

export function describeMicError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError') return 'Microphone access was refused. Allow Rehearse to use the microphone and try again.';
  if (name === 'NotFoundError') return 'No microphone was found. Connect one and try again.';
  if (name === 'OverconstrainedError') return 'The chosen microphone is not connected. Choose another under Microphone and try again.';
  if (name === 'NotReadableError') return 'The microphone is in use by another program or could not be opened.';
  return `The microphone could not be opened: ${error instanceof Error ? error.message : String(error)}`;
}
