// Test support: the files of a converted model (model.json + shards, by name) as tfjs artifacts,
// for tf.io.fromMemory — loading them back exercises exactly what was written.
import type * as tf from '@tensorflow/tfjs-core';

export function memoryArtifacts(files: Map<string, Uint8Array>): tf.io.ModelArtifacts {
  const json = JSON.parse(new TextDecoder().decode(files.get('model.json'))) as {
    format?: string;
    modelTopology: object;
    signature?: object;
    weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  };
  const shards = json.weightsManifest.flatMap((g) => g.paths).map((p) => files.get(p) as Uint8Array);
  const data = new Uint8Array(shards.reduce((n, s) => n + s.length, 0));
  shards.reduce((at, s) => (data.set(s, at), at + s.length), 0);
  return { format: json.format, modelTopology: json.modelTopology, signature: json.signature, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: data.buffer };
}
