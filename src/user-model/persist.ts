// Keeps the user's model across reloads: the model in IndexedDB (tfjs's own handler), its manifest
// beside it in localStorage. Nothing is uploaded anywhere.
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { parseManifest, type ModelManifest } from '../models/manifest';
import { modelTopology } from '../converter/topology';

const MODEL_URL = 'indexeddb://emotion-lens-user-model';
const MANIFEST_KEY = 'emotion-lens-user-model-manifest';

/**
 * A save handler that stores a layers model with its complete topology: tfjs 4.22's own
 * serialisation drops SeparableConv2D's depth_multiplier, and such a model would not load back.
 */
export function withFullTopology(model: LayersModel, handler: tf.io.IOHandler): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    if (!handler.save) throw new Error('this model store cannot save');
    return handler.save({ ...artifacts, modelTopology: modelTopology(model) });
  });
}

export async function saveUserModel(model: LayersModel | GraphModel, manifest: ModelManifest): Promise<void> {
  if ('layers' in model) {
    const [store] = tf.io.getSaveHandlers(MODEL_URL);
    await model.save(withFullTopology(model, store));
  } else {
    await model.save(MODEL_URL);
  }
  localStorage.setItem(MANIFEST_KEY, JSON.stringify(manifest));
}

export function storedUserManifest(): ModelManifest | null {
  const text = localStorage.getItem(MANIFEST_KEY);
  if (!text) return null;
  try {
    return parseManifest(JSON.parse(text), 'the saved model');
  } catch {
    return null;
  }
}

export async function loadUserModel(manifest: ModelManifest): Promise<LayersModel | GraphModel> {
  return manifest.format === 'graph' ? loadGraphModel(MODEL_URL) : import('@tensorflow/tfjs-layers').then((l) => l.loadLayersModel(MODEL_URL));
}

export async function clearUserModel(): Promise<void> {
  localStorage.removeItem(MANIFEST_KEY);
  try {
    await tf.io.removeModel(MODEL_URL);
  } catch {
    // Nothing was stored: nothing to remove.
  }
}
