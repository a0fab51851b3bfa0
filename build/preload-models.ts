// The model files a first label needs (models/index.json, the default detector's and the start
// level's manifests, model.json and weights: src/models/prefetch.ts startModelIds) listed in the
// HTML as <link rel="preload" as="fetch">: the browser downloads them all at once while it parses
// the page, instead of one step after another (index → manifests → model.json → weights) each
// waiting for the page's busy thread. The boot script's fetch() of the same URLs takes them over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { headLinksPlugin } from './head-links.ts';
import { parseManifest, parseModelIndex } from '../src/models/manifest.ts';
import { startModelIds } from '../src/models/prefetch.ts';

/** Paths under the models folder, in download order: index, then per model its manifest, model file and weights. */
export function startModelFiles(modelsDir: string): string[] {
  const readJson = (path: string): unknown => JSON.parse(readFileSync(join(modelsDir, path), 'utf8'));
  const index = parseModelIndex(readJson('index.json'));
  const files = ['index.json'];
  for (const id of startModelIds(index)) {
    const manifest = parseManifest(readJson(`${id}/manifest.json`), `${id}/manifest.json`);
    const model = readJson(`${id}/${manifest.modelFile}`) as { weightsManifest?: { paths?: string[] }[] };
    files.push(`${id}/manifest.json`, `${id}/${manifest.modelFile}`);
    for (const group of model.weightsManifest ?? []) for (const path of group.paths ?? []) files.push(`${id}/${path}`);
  }
  return files;
}

export function preloadModelsPlugin(modelsDir: string): Plugin {
  return headLinksPlugin('emotion-lens-preload-models', (_bundle, base) =>
    startModelFiles(modelsDir).map((f) => ({ rel: 'preload', as: 'fetch', crossorigin: true, href: `${base}models/${f}` })),
  );
}
