// What a long backup or restore is told and tells while it runs: a signal to stop (the person pressed
// Cancel), and its progress in bytes. BackupJobs runs one at a time and answers backup.progress.
import type { BackupJob } from '../../shared/contract';
import { ServiceError } from '../service-error';

export interface JobControl {
  readonly signal: AbortSignal;
  /** Bytes done of `total` in the current phase. */
  progress(phase: BackupJob['phase'], done: number, total: number): void;
}

/** Thrown inside a job when its signal fires; the job ends as "not saved" / "not restored". */
export class JobCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'JobCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new JobCancelled();
}

/** A control that is never cancelled and reports nowhere (tests, the CLI). */
export const unwatched = (): JobControl => ({ signal: new AbortController().signal, progress: () => undefined });

/** One backup or restore at a time, its progress for backup.progress, and Cancel for backup.cancel. */
export class BackupJobs {
  private current: { job: BackupJob; controller: AbortController } | null = null;

  /** Runs `work` as the one job; a second while one runs is refused. */
  async run<T>(kind: BackupJob['kind'], work: (control: JobControl) => Promise<T>): Promise<T> {
    if (this.current) {
      const what = this.current.job.kind === 'create' ? 'a backup is being made' : 'a backup is being restored';
      throw new ServiceError('conflict', `${what}: wait for it to finish, or cancel it`);
    }
    const controller = new AbortController();
    const job: BackupJob = { kind, phase: kind === 'create' ? 'writing' : 'checking', bytesDone: 0, bytesTotal: 0, cancelling: false };
    this.current = { job, controller };
    try {
      return await work({
        signal: controller.signal,
        progress: (phase, done, total) => Object.assign(job, { phase, bytesDone: done, bytesTotal: total }),
      });
    } finally {
      this.current = null;
    }
  }

  /** Whether a backup or restore is running (the audio compactor waits meanwhile: it replaces files they read and write). */
  get running(): boolean {
    return this.current !== null;
  }

  progress(): BackupJob | null {
    return this.current ? { ...this.current.job } : null;
  }

  /** Asks the running job to stop; it ends soon after, having left nothing behind. */
  cancel(): BackupJob | null {
    if (!this.current) return null;
    this.current.job.cancelling = true;
    this.current.controller.abort();
    return this.progress();
  }
}
