// Every failure the user can meet, as a message that says what happened and what to do.
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

export interface AppError {
  code: AppErrorCode;
  title: string;
  /** What to do about it. */
  hint: string;
  /** The technical detail, for bug reports. */
  detail?: string;
}

export function appError(code: AppErrorCode, detail?: string): AppError {
  const { title, hint } = MESSAGES[code];
  return { code, title, hint, detail };
}

const MESSAGES: Record<AppErrorCode, { title: string; hint: string }> = {
  'insecure-context': {
    title: 'The camera needs a secure page',
    hint: 'Open the app over https:// or on http://localhost; browsers block cameras on plain http pages.',
  },
  'no-camera-api': {
    title: 'This browser cannot use a camera',
    hint: 'Use a current Chrome, Edge, Firefox or Safari.',
  },
  'camera-denied': {
    title: 'Camera permission was denied',
    hint: 'Allow the camera for this site (the camera icon in the address bar), then press Start again.',
  },
  'no-camera': {
    title: 'No camera was found',
    hint: 'Connect a camera, or check that it is enabled in your system settings, then press Start again.',
  },
  'camera-in-use': {
    title: 'The camera is in use by another application',
    hint: 'Close other apps or tabs that use the camera (video calls, other recorders), then press Start again.',
  },
  'camera-ended': {
    title: 'The camera stopped',
    hint: 'It was unplugged or its permission was revoked. Reconnect it and press Start again.',
  },
  'model-load': {
    title: 'A model could not be loaded',
    hint: 'A model file is missing or corrupt. Reload the page; if it persists, reinstall or redeploy the app.',
  },
  'no-backend': {
    title: 'TensorFlow.js could not start',
    hint: 'Neither WebGL nor WebAssembly works in this browser. Try a current Chrome, Edge or Firefox.',
  },
  'unsupported-file': {
    title: 'That file is not an image or a video',
    hint: 'Drop or choose a photo (JPEG, PNG, WebP…) or a video (MP4, WebM…).',
  },
  'bad-file': {
    title: 'That file could not be opened',
    hint: 'It may be empty, damaged or in a format this browser cannot decode. Try another file.',
  },
  unknown: {
    title: 'Something went wrong',
    hint: 'Reload the page and try again.',
  },
};

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

export function errorDetail(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}
