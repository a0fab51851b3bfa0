// Finds and loads the app's models from a base location (the browser: "/models/", served by the
// app itself; Node: the models/ folder), reading everything about a model from its manifest.
import * as tf from '@tensorflow/tfjs-core';
import { parseManifest, parseModelIndex, type ModelIndex, type ModelManifest } from './manifest';

/** Reads text and model artifacts from one place: HTTP in the browser, files in Node. */
export interface ModelSource {
  readJson(path: string): Promise<unknown>;
  /** What tfjs loaders take for a model file: a URL, or an IOHandler. */
  modelHandler(path: string): string | tf.io.IOHandler;
}

export class ModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

/** HTTP source for the browser; every path is relative to the base URL on the page's own origin. */
/** fetchImpl lets the app take over downloads started at boot (models/prefetch.ts). */
export function httpModelSource(baseUrl: string, fetchImpl: typeof fetch = fetch): ModelSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async readJson(path) {
      const url = base + path;
      let res: Response;
      try {
        res = await fetchImpl(url);
      } catch (e) {
        throw new ModelLoadError(`Could not download ${url}: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!res.ok) throw new ModelLoadError(`Model file missing: ${url} (HTTP ${res.status})`);
      const text = await res.text();
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new ModelLoadError(`Model file is corrupt (not valid JSON): ${url}`);
      }
    },
    modelHandler: (path) => (fetchImpl === fetch ? base + path : tf.io.http(base + path, { fetchFunc: fetchImpl })),
  };
}

export interface ResolvedModel {
  manifest: ModelManifest;
  /** What to pass to the tfjs loader. */
  model: string | tf.io.IOHandler;
}

export async function loadIndex(source: ModelSource): Promise<ModelIndex> {
  return parseModelIndex(await source.readJson('index.json'));
}

export async function resolveModel(source: ModelSource, id: string): Promise<ResolvedModel> {
  const manifest = parseManifest(await source.readJson(`${id}/manifest.json`), `${id}/manifest.json`);
  return { manifest, model: source.modelHandler(`${id}/${manifest.modelFile}`) };
}

/** Wraps a tfjs load so a missing or corrupt weights file names the model and the cause. */
export async function withModelErrors<T>(manifest: ModelManifest, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new ModelLoadError(`Could not load the model "${manifest.name}" (${manifest.id}): ${msg}`);
  }
}
