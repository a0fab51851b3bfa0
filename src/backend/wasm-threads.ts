// Makes tfjs-backend-wasm's multi-threaded SIMD build work inside our Vite bundle.
//
// tfjs starts each pthread worker with a Blob script built as
//   `var WasmBackendModuleThreadedSimd = ` + threadedFactory.toString()
// (dist/backend_wasm.js). In a minified bundle the factory's text refers to variables of its
// wrapping module that the bundler renamed (e.g. `e`), which do not exist in the worker:
// "e is not defined", and the backend never starts. The worker only needs a self-contained
// definition of WasmBackendModuleThreadedSimd, so the factory's toString hands it the pristine
// emscripten file instead (the same code, unbundled). Main thread code is unchanged.
import threadedFactory from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js';
import threadedSource from '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?raw';

/** The worker-side script body; exported for the unit test. */
export function workerFactorySource(source: string): string {
  // An IIFE so the file's own `var` and UMD footer stay local; its value is the factory.
  return `(function () {\n${source}\n;return WasmBackendModuleThreadedSimd;\n})()`;
}

let patched = false;

export function patchThreadedWasmForBundles(): void {
  if (patched) return;
  const worker = workerFactorySource(threadedSource);
  Object.defineProperty(threadedFactory, 'toString', { value: () => worker, configurable: true });
  patched = true;
}
