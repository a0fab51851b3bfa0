// Reads what a user drops for "Use my model": a Keras file (+ architecture JSON when the file holds
// weights only), or a TensorFlow.js model folder (model.json + weight shards, optional manifest.json).
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { convertKeras } from '../converter/convert';
import { parseManifest, type ModelManifest } from '../models/manifest';


export interface ReadModel {
  /** Input shape without the batch axis: [height, width, channels]. */
  inputShape: (number | null)[];
  outputClasses: number;
  model: LayersModel | GraphModel;
  /** What was read, e.g. "Keras 2.12.0 full-model HDF5" or "TensorFlow.js layers model". */
  format: string;
  /** True for a tfjs graph model (a Keras conversion is always a layers model). */
  graph: boolean;
  /** A manifest that came with a tfjs folder, if any. */
  manifest?: ModelManifest;
  warnings: string[];
  source: string;
}

const bytesOf = async (f: File) => new Uint8Array(await f.arrayBuffer());

async function jsonOf(f: File): Promise<unknown> {
  try {
    return JSON.parse(await f.text()) as unknown;
  } catch {
    return undefined;
  }
}

const isTfjsModelJson = (j: unknown): j is { format?: string; modelTopology: unknown; weightsManifest: unknown } =>
  typeof j === 'object' && j !== null && 'modelTopology' in j && 'weightsManifest' in j;

export interface ReadOptions {
  /** Fold BatchNormalization into the layer before it (faster, same outputs). Default true. */
  fold?: boolean;
}

export async function readModelFiles(files: File[], opts: ReadOptions = {}): Promise<ReadModel> {
  if (files.length === 0) throw new Error('Choose a .h5 or .keras file, or a TensorFlow.js model folder');
  const jsonFiles = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  const parsed = await Promise.all(jsonFiles.map(async (f) => ({ file: f, json: await jsonOf(f) })));
  const tfjs = parsed.find((p) => isTfjsModelJson(p.json));
  const source = files.map((f) => f.name).join(' + ');

  if (tfjs) {
    const bins = files.filter((f) => !f.name.toLowerCase().endsWith('.json'));
    const handler = tf.io.browserFiles([tfjs.file, ...bins]);
    const isGraph = (tfjs.json as { format?: string }).format === 'graph-model';
    const model = isGraph ? await loadGraphModel(handler) : await loadLayersModel(handler);
    const manifestFile = parsed.find((p) => p !== tfjs && typeof p.json === 'object' && p.json !== null && 'kind' in p.json);
    const manifest = manifestFile ? parseManifest(manifestFile.json, manifestFile.file.name) : undefined;
    const inputShape = model.inputs[0].shape?.slice(1) ?? [];
    const outShape = model.outputs[0].shape ?? [];
    return {
      model,
      format: `TensorFlow.js ${isGraph ? 'graph' : 'layers'} model`,
      graph: isGraph,
      inputShape,
      outputClasses: outShape[outShape.length - 1] ?? 0,
      manifest,
      warnings: [],
      source,
    };
  }

  // Keras: the model file is the one that is not an architecture JSON.
  const main = files.find((f) => !f.name.toLowerCase().endsWith('.json')) ?? files[0];
  const arch = jsonFiles.find((f) => f !== main);
  const result = await convertKeras(
    { main: await bytesOf(main), arch: arch ? await arch.text() : undefined },
    { mainName: main.name, archName: arch?.name, fold: opts.fold },
  );
  return {
    model: result.model,
    format: result.format,
    graph: false,
    inputShape: result.inputShape,
    outputClasses: result.outputClasses,
    warnings: result.warnings,
    source,
  };
}
