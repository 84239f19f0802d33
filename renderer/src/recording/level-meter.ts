// The live input level while recording, read from an AnalyserNode. It is for the eyes only: the audio
// that is saved does not pass through it. The context has no output device (sinkId 'none').
export const SILENT_DB = -90;

/** RMS level of samples in dBFS, floored at SILENT_DB. */
export function rmsDb(samples: Float32Array): number {
  if (samples.length === 0) return SILENT_DB;
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  const rms = Math.sqrt(sum / samples.length);
  return rms > 0 ? Math.max(SILENT_DB, 20 * Math.log10(rms)) : SILENT_DB;
}

export class LevelMeter {
  private readonly context: AudioContext;
  private readonly analyser: AnalyserNode;
  private readonly buffer: Float32Array<ArrayBuffer>;

  constructor(stream: MediaStream) {
    this.context = new AudioContext({ sinkId: { type: 'none' } } as AudioContextOptions);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 2048;
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.context.createMediaStreamSource(stream).connect(this.analyser);
  }

  /** The level of the last ~40 ms, in dBFS. */
  read(): number {
    this.analyser.getFloatTimeDomainData(this.buffer);
    return rmsDb(this.buffer);
  }

  close(): void {
    if (this.context.state !== 'closed') void this.context.close();
  }
}
