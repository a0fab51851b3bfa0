// Chooses and initialises the tfjs backend. WebGL is the fast path on a real GPU; on a software
// renderer (SwiftShader, llvmpipe) WASM is several times faster, so 'auto' checks the renderer.
//
// The WebGL and CPU backends' code is imported only when tried: a page on WASM never parses the
// WebGL backend, which keeps the first result sooner. The WASM backend (a first visit's, and every
// fallback's) is imported statically, so it is evaluated with the app's bundle and modulepreloaded
// by the HTML: a dynamic import() of it, even once loaded, resolves in a task of its own, which on a
// first visit waited behind React's first render (100–180 ms after the app's script).
import * as tf from '@tensorflow/tfjs-core';
import * as wasmBackend from '@tensorflow/tfjs-backend-wasm';
import { backendOrder, type BackendName, type BackendPreference } from './preference';
import { rememberedRenderer, webglRenderer } from './renderer';
import { wasmThreadCount } from './wasm-file';
import { markStartup } from '../startup/marks';

export * from './preference';

export interface BackendChoice {
  name: BackendName;
  /** Why this backend: shown to the user next to its name. */
  reason: string;
  /** Backends that were tried first and failed, with their error. */
  failures: { name: BackendName; error: string }[];
  /** WebGL renderer string, when it could be read. */
  renderer?: string;
  /**
   * 'auto' on a first visit does not wait for the WebGL probe: it starts on WASM and hands the
   * probe over, for the caller to move to WebGL if a real GPU turns up.
   */
  pendingRenderer?: Promise<string | undefined>;
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

/** "; n threads" for the WASM backend's reason text (the pool tfjs actually started). */
export function wasmThreadsNote(): string {
  const n = wasmBackend.getThreadsCount();
  return `; ${n} thread${n === 1 ? '' : 's'}`;
}

/** Registers a backend with tfjs by importing its package (once). */
async function importBackend(name: BackendName, wasmBase: string): Promise<void> {
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else {
    if (wasmPathsSet) return;
    wasmBackend.setWasmPaths(wasmBase);
    if (wasmThreadCount(wasmThreads) <= 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    else {
      (await import('./wasm-threads')).patchThreadedWasmForBundles();
      if (wasmThreads !== undefined) wasmBackend.setThreadsCount(wasmThreads);
    }
    wasmPathsSet = true;
  }
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
 * wasmBase is where the tfjs .wasm files are served (the app serves them itself at /wasm/);
 * probed is the renderer as read at boot (startup/early-start.ts), so it is not probed twice.
 */
export async function initBackend(pref: BackendPreference, wasmBase = '/wasm/', probed?: Promise<string | undefined>): Promise<BackendChoice> {
  // A first visit's probe may still be running (the first WebGL context is slow): start on WASM,
  // auto's choice on software GL and the fallback everywhere, and let the caller settle it.
  const pending = pref === 'auto' && probed !== undefined && rememberedRenderer() === undefined;
  const renderer = pending ? undefined : pref === 'auto' || pref === 'webgl' ? await (probed ?? webglRenderer()) : undefined;
  markStartup('webgl-probed');
  const { order, reason } = pending ? { order: ['wasm', 'cpu'] as BackendName[], reason: 'auto: WebAssembly while the GPU check runs' } : backendOrder(pref, renderer);
  const failures: BackendChoice['failures'] = [];
  for (const name of order) {
    try {
      await importBackend(name, wasmBase);
      markStartup(`${name}-code`);
      const ok = await withLogicalCores(name === 'wasm' ? wasmThreads : undefined, () => tf.setBackend(name));
      if (!ok) throw new Error(`${name} backend did not initialise`);
      await tf.ready();
      // A tiny op proves the backend really runs (a lost or blacklisted GL context fails here).
      const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)));
      const v = (await probe.data())[0];
      probe.dispose();
      if (v !== 2) throw new Error(`${name} backend computed 1 + 1 = ${v}`);
      let why = failures.length ? `${reason}; fell back after ${failures.map((f) => f.name).join(', ')} failed` : reason;
      if (name === 'wasm') why += wasmThreadsNote();
      return { name, reason: why, failures, renderer, pendingRenderer: pending ? probed : undefined };
    } catch (e) {
      failures.push({ name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${failures.map((f) => `${f.name}: ${f.error}`).join('; ')}`);
}
