// Creates (and drops) a WebGL context off the main thread, so the GPU process and the GL driver
// are up by the time the page probes its own (backend/renderer.ts).
import { readRenderer } from './renderer';

try {
  if (typeof OffscreenCanvas !== 'undefined') readRenderer(new OffscreenCanvas(1, 1));
} finally {
  postMessage('done');
}
