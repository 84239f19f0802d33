// The one error the speech engine and its audio preparation throw: a code the caller can branch on (the
// take transcriber reads `code`) and a one-line message that says what to do about it.

export type TranscriptionErrorCode =
  | 'engine-missing'
  | 'engine-unsupported-cpu'
  | 'model-missing'
  | 'model-invalid'
  | 'audio-invalid'
  | 'cancelled'
  | 'timeout'
  | 'engine-failed';

export class TranscriptionError extends Error {
  constructor(
    readonly code: TranscriptionErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TranscriptionError';
  }
}

export function isTranscriptionError(error: unknown, code?: TranscriptionErrorCode): error is TranscriptionError {
  return error instanceof TranscriptionError && (code === undefined || error.code === code);
}
