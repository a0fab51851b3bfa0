// Chooses and initialises the tfjs backend. WebGL is the fast path on a real GPU; on a software
// renderer (SwiftShader, llvmpipe) WASM is several times faster, so 'auto' checks the renderer.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { backendOrder, type BackendName, type BackendPreference } from './preference';
import { patchThreadedWasmForBundles } from './wasm-threads';

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
let wasmThreads: number | undefined;

/**
 * WASM thread count, set before initBackend (the app reads ?wasmThreads=): 1 = single-threaded
 * SIMD build, n > 1 = n XNNPACK threads, undefined = tfjs default (one per logical core) when the
 * page is cross-origin isolated.
 */
export function configureWasm(opts: { threads?: number }): void {
  wasmThreads = opts.threads;
}

export function applyTfjsFlags(flags: Record<string, boolean | number>): void {
  for (const [name, value] of Object.entries(flags)) {
    try {
      tf.env().set(name, value);
    } catch (e) {
      console.warn(`tfjs flag ${name} ignored: ${e instanceof Error ? e.message : e}`);
    }
  }
}

/** Whether the threaded WASM build can run: it needs SharedArrayBuffer, i.e. a cross-origin isolated page. */
export function wasmThreadsPossible(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/**
 * tfjs-backend-wasm caps its XNNPACK pool at navigator.hardwareConcurrency / 2 (it assumes
 * hyper-threading), read once while the module starts: 1 thread on a 2-core machine whatever
 * setThreadsCount says. To honour an explicit thread count, the property is shadowed for the
 * duration of the WASM start-up only.
 */
async function withLogicalCores<T>(threads: number | undefined, run: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || threads === undefined || threads * 2 <= navigator.hardwareConcurrency) return run();
  Object.defineProperty(navigator, 'hardwareConcurrency', { value: threads * 2, configurable: true });
  try {
    return await run();
  } finally {
    delete (navigator as { hardwareConcurrency?: number }).hardwareConcurrency; // back to Navigator.prototype's getter
  }
}

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
    // Without an explicit count tfjs gives XNNPACK hardwareConcurrency / 2 threads: on 2–3 logical
    // cores that is 1, and the threaded build would only add its 8 pthread workers to start-up.
    const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
    const threads = wasmThreads ?? Math.floor(cores / 2);
    if (threads <= 1 || !wasmThreadsPossible()) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    else {
      patchThreadedWasmForBundles();
      if (wasmThreads !== undefined) setThreadsCount(wasmThreads);
    }
    wasmPathsSet = true;
  }
  for (const name of order) {
    try {
      const ok = await withLogicalCores(name === 'wasm' ? wasmThreads : undefined, () => tf.setBackend(name));
      if (!ok) throw new Error(`${name} backend did not initialise`);
      await tf.ready();
      // A tiny op proves the backend really runs (a lost or blacklisted GL context fails here).
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
      const v = (await probe.data())[0];
      probe.dispose();
      if (v !== 2) throw new Error(`${name} backend computed 1 + 1 = ${v}`);
      let why = failures.length ? `${reason}; fell back after ${failures.map((f) => f.name).join(', ')} failed` : reason;
      if (name === 'wasm') why += `; ${getThreadsCount()} thread${getThreadsCount() === 1 ? '' : 's'}`;
      return { name, reason: why, failures, renderer };
    } catch (e) {
      failures.push({ name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
}
