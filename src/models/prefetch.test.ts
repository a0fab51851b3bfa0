import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { clearPrefetched, fetchPrefetched, prefetch, prefetchDefaultModels } from './prefetch';

const MODELS = resolve(__dirname, '../../models');
const ORIGIN = 'http://app.test';

/** A fetch serving the repository's models/ folder at /models/, recording each request. */
function modelServer() {
  const requests: string[] = [];
  const impl = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    requests.push(url.pathname);
    try {
      return new Response(readFileSync(resolve(MODELS, url.pathname.replace(/^\/models\//, ''))));
    } catch {
      return new Response('missing', { status: 404 });
    }
  });
  return { impl, requests };
}

describe('model prefetch at boot', () => {
  beforeEach(() => vi.stubGlobal('location', { href: `${ORIGIN}/` }));
  afterEach(() => {
    clearPrefetched();
    vi.unstubAllGlobals();
  });

  const index = JSON.parse(readFileSync(resolve(MODELS, 'index.json'), 'utf8')) as {
    defaults: { detector: string; autoStart: string };
    quality: { id: string; members: { model: string }[] }[];
  };
  const membersOf = (level: string) => index.quality.find((l) => l.id === level)!.members.map((m) => m.model);

  it('downloads the index, the detector and the models of the level auto starts with, with their weights, each once', async () => {
    const server = modelServer();
    vi.stubGlobal('fetch', server.impl);
    await prefetchDefaultModels('/models/');
    for (const id of [index.defaults.detector, ...membersOf(index.defaults.autoStart)]) {
      const manifest = JSON.parse(readFileSync(resolve(MODELS, id, 'manifest.json'), 'utf8')) as { modelFile: string };
      const model = JSON.parse(readFileSync(resolve(MODELS, id, manifest.modelFile), 'utf8')) as { weightsManifest: { paths: string[] }[] };
      expect(server.requests).toContain(`/models/${id}/manifest.json`);
      expect(server.requests).toContain(`/models/${id}/${manifest.modelFile}`);
      for (const p of model.weightsManifest.flatMap((g) => g.paths)) expect(server.requests).toContain(`/models/${id}/${p}`);
    }
    expect(new Set(server.requests).size).toBe(server.requests.length);
  });

  it('?quality=fast prefetches only the fast level\'s model', async () => {
    const server = modelServer();
    vi.stubGlobal('fetch', server.impl);
    await prefetchDefaultModels('/models/', 'fast');
    const classifiers = [...new Set(server.requests.map((r) => r.split('/')[2]))].filter((id) => id !== index.defaults.detector && id !== 'index.json');
    expect(classifiers).toEqual(membersOf('fast'));
  });

  it('hands a prefetched response over once, then fetches normally', async () => {
    const server = modelServer();
    vi.stubGlobal('fetch', server.impl);
    prefetch('/models/index.json');
    const first = await fetchPrefetched('/models/index.json');
    expect(await first.json()).toHaveProperty('defaults');
    expect(server.requests).toEqual(['/models/index.json']);
    await fetchPrefetched(`${ORIGIN}/models/index.json`);
    expect(server.requests).toEqual(['/models/index.json', '/models/index.json']);
  });

  it('leaves a missing model for the loader to report', async () => {
    const server = modelServer();
    vi.stubGlobal('fetch', server.impl);
    await expect(prefetchDefaultModels('/nowhere/')).resolves.toBeUndefined();
    const res = await fetchPrefetched('/nowhere/index.json');
    expect(res.status).toBe(404);
  });
});
