// Chooses and initialises the tfjs backend. WebGL is the fast path on a real GPU; on a software
// renderer (SwiftShader, llvmpipe) WASM is several times faster, so 'auto' checks the renderer.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { backendOrder, type BackendName, type BackendPreference } from './preference';

export * from './preference';

export interface BackendChoice {
  name: BackendName;
  /** Why this backend: shown to the user next to its name. */
  reason: string;
  /** Backends that were tried first and failed, with their error. */
  failures: { name: BackendName; error: string }[];
  /** WebGL renderer string, when it could be read. */
  renderer?: string;
}

/** Reads the unmasked WebGL renderer, or undefined when there is no WebGL at all. */
export function webglRenderer(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  try {
    const canvas = document.createElement('canvas');
    const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
    if (!gl) return undefined;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return undefined;
  }
}

let wasmPathsSet = false;

/**
 * Initialises the first backend of the preferred order that works.
 * wasmBase is where the tfjs .wasm files are served (the app serves them itself at /wasm/).
 */
export async function initBackend(pref: BackendPreference, wasmBase = '/wasm/'): Promise<BackendChoice> {
  const renderer = pref === 'auto' || pref === 'webgl' ? webglRenderer() : undefined;
  const { order, reason } = backendOrder(pref, renderer);
  const failures: BackendChoice['failures'] = [];
  if (!wasmPathsSet) {
    setWasmPaths(wasmBase);
    // tfjs's threaded WASM build spawns its pthread workers from the page's own script, which
    // fails once the app is bundled as ES modules ("e is not defined" in the worker): use the
    // single-threaded SIMD build until that is solved.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasmPathsSet = true;
  }
  for (const name of order) {
    try {
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error(`${name} backend did not initialise`);
      await tf.ready();
      // A tiny op proves the backend really runs (a lost or blacklisted GL context fails here).
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
      const v = (await probe.data())[0];
      probe.dispose();
      if (v !== 2) throw new Error(`${name} backend computed 1 + 1 = ${v}`);
      const why = failures.length ? `${reason}; fell back after ${failures.map((f) => f.name).join(', ')} failed` : reason;
      return { name, reason: why, failures, renderer };
    } catch (e) {
      failures.push({ name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
}
