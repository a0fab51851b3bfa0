// Which WASM build and how many XNNPACK threads: decided without importing tfjs, so the boot
// script can preload the right .wasm file while the app's bundle is still loading.

/** ?wasmThreads=N from the page's query: 1 forces the single-threaded build; otherwise undefined. */
export function wasmThreadsParam(params: URLSearchParams): number | undefined {
  const n = Number(params.get('wasmThreads'));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** Whether the threaded WASM build can run: it needs SharedArrayBuffer, i.e. a cross-origin isolated page. */
export function wasmThreadsPossible(): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
}

/**
 * XNNPACK threads the WASM backend will use: the explicit count, else half the logical cores
 * (tfjs's own default; on 2–3 cores that is 1, and the threaded build would only add its pthread
 * workers to start-up). More than 1 needs the threaded build, hence a cross-origin isolated page.
 */
export function wasmThreadCount(explicit: number | undefined): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
  const threads = explicit ?? Math.floor(cores / 2);
  return threads > 1 && wasmThreadsPossible() ? threads : 1;
}

/** The .wasm file tfjs will fetch (its SIMD builds; browsers without WASM SIMD skip the preload). */
export function wasmFileName(explicitThreads: number | undefined): string {
  return wasmThreadCount(explicitThreads) > 1 ? 'tfjs-backend-wasm-threaded-simd.wasm' : 'tfjs-backend-wasm-simd.wasm';
}
