// Node-side model source: reads models/ from disk (eval, tests, benchmarks). Not used in the browser.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { ModelLoadError, type ModelSource } from './registry';

/** A tf.io handler reading a tfjs model.json and its weight files from disk. */
export function fileModelHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(await readFile(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = path.dirname(modelJsonPath);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Uint8Array[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(await readFile(path.join(dir, p)));
      }
      const total = buffers.reduce((n, b) => n + b.byteLength, 0);
      const weightData = new Uint8Array(total);
      let offset = 0;
      for (const b of buffers) {
        weightData.set(b, offset);
        offset += b.byteLength;
      }
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData: weightData.buffer,
      };
    },
  };
}

export function fileModelSource(dir: string): ModelSource {
  return {
    async readJson(p) {
      const file = path.join(dir, p);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new ModelLoadError(`Model file missing: ${file}`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ModelLoadError(`Model file is corrupt (not valid JSON): ${file}`);
      }
    },
    modelHandler: (p) => fileModelHandler(path.join(dir, p)),
  };
}
