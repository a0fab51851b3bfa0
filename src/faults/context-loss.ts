// The GPU may take tfjs's WebGL context away (driver reset, GPU process crash, too many contexts,
// a laptop switching GPUs). tfjs does not rebuild its textures and programs afterwards, so the
// app moves to WebAssembly and reloads its models there (see AppController).
import * as tf from '@tensorflow/tfjs-core';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';

type GlCanvas = HTMLCanvasElement | OffscreenCanvas;

function webglCanvas(): { gl: WebGLRenderingContext; canvas: GlCanvas } | null {
  if (tf.getBackend() !== 'webgl') return null;
  const backend = tf.backend() as Partial<MathBackendWebGL>;
  const gl = backend.getGPGPUContext?.().gl;
  return gl ? { gl, canvas: gl.canvas as GlCanvas } : null;
}

/** True when the active backend is WebGL and its context is lost. */
export function webglContextLost(): boolean {
  return webglCanvas()?.gl.isContextLost() ?? false;
}

/**
 * Calls onLost once when the active WebGL backend loses its context. Returns an unsubscribe
 * (a no-op when the backend is not WebGL).
 */
export function watchWebglContextLoss(onLost: () => void): () => void {
  const target = webglCanvas();
  if (!target) return () => undefined;
  const listener = () => {
    target.canvas.removeEventListener('webglcontextlost', listener);
    onLost();
  };
  target.canvas.addEventListener('webglcontextlost', listener);
  return () => target.canvas.removeEventListener('webglcontextlost', listener);
}
