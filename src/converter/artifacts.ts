// Serialises a LayersModel to the files of the tfjs "layers-model" format (model.json plus
// 4 MB weight shards, like the Python converter), as bytes: the browser can store them anywhere,
// Node writes them to disk (save-node.ts).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { modelTopology } from './topology.ts';

const SHARD_BYTES = 4 * 1024 * 1024;

export async function modelFiles(model: tfl.LayersModel, modelFile = 'model.json'): Promise<Map<string, Uint8Array>> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightSpecs || artifacts.weightData === undefined) throw new Error('tfjs produced no weights for the model');
  const data = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData));
  const shardCount = Math.max(1, Math.ceil(data.byteLength / SHARD_BYTES));
  const files = new Map<string, Uint8Array>();
  const paths: string[] = [];
  for (let i = 0; i < shardCount; i++) {
    const name = `group1-shard${i + 1}of${shardCount}.bin`;
    paths.push(name);
    files.set(name, data.slice(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
  }
  const json = {
    format: 'layers-model',
    generatedBy: artifacts.generatedBy,
    convertedBy: 'emotion-lens converter',
    modelTopology: modelTopology(model),
    weightsManifest: [{ paths, weights: artifacts.weightSpecs }],
  };
  files.set(modelFile, new TextEncoder().encode(JSON.stringify(json)));
  return files;
}
