import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { workerFactorySource } from './wasm-threads';

const require = createRequire(import.meta.url);

describe('workerFactorySource', () => {
  it('defines WasmBackendModuleThreadedSimd on its own, as the pthread worker evaluates it', () => {
    const file = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');
    // Exactly what tfjs puts in the worker's Blob, run in a context with no module system and
    // none of the bundle's variables: the case that failed with "e is not defined".
    const script = `var WasmBackendModuleThreadedSimd = ${workerFactorySource(readFileSync(file, 'utf8'))}`;
    const ctx = vm.createContext({});
    vm.runInContext(script, ctx);
    expect(typeof ctx.WasmBackendModuleThreadedSimd).toBe('function');
  });
});
