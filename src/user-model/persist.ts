// Keeps the user's model across reloads: the model in IndexedDB (tfjs's own handler), its manifest
// beside it in localStorage. Nothing is uploaded anywhere.
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { parseManifest, type ModelManifest } from '../models/manifest';

const MODEL_URL = 'indexeddb://emotion-lens-user-model';
const MANIFEST_KEY = 'emotion-lens-user-model-manifest';

export async function saveUserModel(model: LayersModel | GraphModel, manifest: ModelManifest): Promise<void> {
  await model.save(MODEL_URL);
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
