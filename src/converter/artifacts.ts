// Serialises a LayersModel to the files tfjs loads: the "layers-model" format (model.json plus
// 4 MB weight shards, like the Python converter), or the "graph-model" format when every layer maps
// to TensorFlow ops (graph.ts), as bytes: the browser can store them anywhere, Node writes them to
// disk (save-node.ts).
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { toGraphModel } from './graph.ts';
import { modelTopology } from './topology.ts';

const SHARD_BYTES = 4 * 1024 * 1024;

interface Saved {
  generatedBy?: string;
  weightSpecs: tf.io.WeightsManifestEntry[];
  data: Uint8Array;
}

async function saved(model: tfl.LayersModel): Promise<Saved> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts?.weightSpecs || artifacts.weightData === undefined) throw new Error('tfjs produced no weights for the model');
  return { generatedBy: artifacts.generatedBy, weightSpecs: artifacts.weightSpecs, data: new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData)) };
}

/** model.json (`json` plus its weightsManifest) and the weight shards (group1-shardNofM.bin), by file name. */
function packFiles(modelFile: string, json: Record<string, unknown>, weights: tf.io.WeightsManifestEntry[], data: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const shardCount = Math.max(1, Math.ceil(data.byteLength / SHARD_BYTES));
  const paths: string[] = [];
  for (let i = 0; i < shardCount; i++) {
    const name = `group1-shard${i + 1}of${shardCount}.bin`;
    paths.push(name);
    files.set(name, data.slice(i * SHARD_BYTES, (i + 1) * SHARD_BYTES));
  }
  files.set(modelFile, new TextEncoder().encode(JSON.stringify({ ...json, weightsManifest: [{ paths, weights }] })));
  return files;
}

export async function modelFiles(model: tfl.LayersModel, modelFile = 'model.json'): Promise<Map<string, Uint8Array>> {
  const { generatedBy, weightSpecs, data } = await saved(model);
  const json = { format: 'layers-model', generatedBy, convertedBy: 'emotion-lens converter', modelTopology: modelTopology(model) };
  return packFiles(modelFile, json, weightSpecs, data);
}

/**
 * The same model as a tfjs graph model (tf.loadGraphModel), same weights; throws GraphUnsupported
 * (graph.ts) naming the first layer that has no graph mapping.
 */
export async function graphModelFiles(model: tfl.LayersModel, modelFile = 'model.json'): Promise<Map<string, Uint8Array>> {
  const { generatedBy, weightSpecs, data } = await saved(model);
  const shapes = new Map<string, (number | null)[]>();
  for (const l of model.layers) if (Array.isArray(l.outputShape) && !Array.isArray(l.outputShape[0])) shapes.set(l.name, l.outputShape as (number | null)[]);
  const graph = toGraphModel(modelTopology(model), weightSpecs, data, shapes);
  const json = {
    format: 'graph-model',
    generatedBy,
    convertedBy: 'emotion-lens converter (graph from the folded layers model)',
    modelTopology: graph.topology,
    signature: graph.signature,
  };
  return packFiles(modelFile, json, graph.weightSpecs, graph.weightData);
}
