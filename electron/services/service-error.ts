// A failure a service expects and can explain: it crosses the boundary as { ok: false, error }.
import type { ErrorCode } from '../shared/contract';

export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ServiceError';
  }
}
