// The one error type low-level modules raise (camera, files, model loading, inference guard): a
// code and the technical detail. The UI turns the code into words (ui/error-messages.ts).
export type AppErrorCode =
  | 'insecure-context'
  | 'no-camera-api'
  | 'camera-denied'
  | 'no-camera'
  | 'camera-in-use'
  | 'camera-ended'
  | 'model-load'
  | 'no-backend'
  | 'unsupported-file'
  | 'bad-file'
  | 'unknown';

export class CodedError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'CodedError';
  }
}

export function errorDetail(e: unknown): string {
  if (e instanceof CodedError) return e.detail ?? e.code;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Any thrown value as a CodedError: coded ones as they are, anything else under `code`. */
export function asCodedError(e: unknown, code: AppErrorCode = 'unknown'): CodedError {
  return e instanceof CodedError ? e : new CodedError(code, errorDetail(e));
}

/** Maps getUserMedia's DOMException names to our codes. */
export function cameraErrorCode(e: unknown): AppErrorCode {
  const name = e instanceof Error || (typeof e === 'object' && e !== null && 'name' in e) ? String((e as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'camera-denied';
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return 'no-camera';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'camera-in-use';
    default:
      return 'unknown';
  }
}
