// Sets up tfjs in Node (eval, tests, benchmarks) with the WASM backend from node_modules, or CPU.
import path from 'node:path';
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);

export async function initNodeBackend(name: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  if (name === 'wasm') {
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(dist + path.sep);
  }
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to start in Node`);
  await tf.ready();
  return tf.getBackend();
}

/** The repository's models/ folder. */
export const MODELS_DIR = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../models');
