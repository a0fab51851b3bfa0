// The words for each error code: what happened (title) and what to do (hint). Low-level modules
// raise codes (faults/coded-error.ts); only the UI turns them into sentences.
import type { AppErrorCode } from '../faults/coded-error';

export interface ErrorMessage {
  title: string;
  /** What to do about it. */
  hint: string;
}

export function errorMessage(code: AppErrorCode): ErrorMessage {
  return MESSAGES[code];
}

const MESSAGES: Record<AppErrorCode, ErrorMessage> = {
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
