// Model downloads started at boot, before the app's bundle is parsed: the index, the default
// detector and the emotion models of the quality level the app starts with (quality/choice.ts),
// their manifests, model.json and weight files. The loaders later take
// each response through fetchPrefetched(); anything not prefetched is fetched as usual.
import { qualityChoice } from '../quality/choice';
import { parseManifest, parseModelIndex, type ModelIndex } from './manifest';

const pending = new Map<string, Promise<Response>>();

const absolute = (url: string): string => new URL(url, location.href).href;

/** Starts a GET for url unless one is already pending. */
export function prefetch(url: string): Promise<Response> {
  const key = absolute(url);
  let p = pending.get(key);
  if (!p) {
    p = fetch(key);
    p.catch(() => undefined); // reported when the app takes it
    pending.set(key, p);
  }
  return p;
}

/** fetch() that hands over a prefetched response once (a copy: boot may still be reading it). */
export const fetchPrefetched: typeof fetch = (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const key = absolute(url);
  const p = pending.get(key);
  if (!p || (init?.method && init.method !== 'GET')) return fetch(input, init);
  pending.delete(key);
  return p.then((r) => r.clone());
};

async function prefetchJson(url: string): Promise<unknown> {
  const res = await prefetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.clone().json() as Promise<unknown>;
}

/** The model file and its weight shards (paths relative to the model.json, as tfjs resolves them). */
async function prefetchModelFiles(modelUrl: string): Promise<void> {
  const json = (await prefetchJson(modelUrl)) as { weightsManifest?: { paths?: string[] }[] };
  for (const group of json.weightsManifest ?? []) for (const path of group.paths ?? []) prefetch(new URL(path, absolute(modelUrl)).href);
}

/**
 * Prefetches what the app loads first: models/index.json, the default detector and the models of
 * the start level (`quality`: the URL's ?quality=, else the index's default; auto starts with the
 * lightest level, its start level's other models load after the first frame). Failures are silent
 * here: the loaders fetch again and report them properly.
 */
export interface PrefetchOptions {
  /**
   * Called once when a prefetched model is a tfjs layers model (the page passes the dynamic import
   * of @tensorflow/tfjs-layers: its code then downloads with the models, not after them).
   */
  layersRuntime?: () => unknown;
}

/**
 * The models a start with this quality setting loads before its first label: the default detector
 * and the start level's emotion models (the same choice the engine makes, app/model-plan.ts; far
 * faces is off at boot). The build lists their files in the HTML (build/preload-models.ts).
 */
export function startModelIds(index: ModelIndex, quality?: string | null): string[] {
  const choice = qualityChoice(index, quality?.trim() ?? '');
  const level = choice.levels.find((l) => l.id === choice.start)!;
  return [index.defaults.detector, ...level.members.map((m) => m.model)];
}

export async function prefetchDefaultModels(baseUrl: string, quality?: string | null, options: PrefetchOptions = {}): Promise<void> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  try {
    const index = parseModelIndex(await prefetchJson(`${base}index.json`));
    let layersAsked = false;
    await Promise.all(
      startModelIds(index, quality).map(async (id) => {
        const path = `${id}/manifest.json`;
        const manifest = parseManifest(await prefetchJson(base + path), path);
        if (manifest.format === 'layers' && !layersAsked) {
          layersAsked = true;
          options.layersRuntime?.();
        }
        await prefetchModelFiles(`${base}${id}/${manifest.modelFile}`);
      }),
    );
  } catch {
    // The app's own loading reports a missing or corrupt model.
  }
}

/** Drops unused prefetches (tests). */
export function clearPrefetched(): void {
  pending.clear();
}
