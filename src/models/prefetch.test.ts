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

  /** The emotion models the requests fetched (not the detector, not the index). */
  const classifiersFetched = (requests: string[]) => [...new Set(requests.map((r) => r.split('/')[2]))].filter((id) => id !== index.defaults.detector && id !== 'index.json');

  it('downloads the index, the detector and the lightest level\'s models (auto starts there), with their weights, each once', async () => {
    const server = modelServer();
    vi.stubGlobal('fetch', server.impl);
    const layersRuntime = vi.fn();
    await prefetchDefaultModels('/models/', null, { layersRuntime });
    const lightest = index.quality[0].id;
    // The lightest level's model is a tfjs layers model: its runtime is asked for, once.
    const formats = membersOf(lightest).map((id) => (JSON.parse(readFileSync(resolve(MODELS, id, 'manifest.json'), 'utf8')) as { format: string }).format);
    expect(layersRuntime).toHaveBeenCalledTimes(formats.includes('layers') ? 1 : 0);
    for (const id of [index.defaults.detector, ...membersOf(lightest)]) {
      const manifest = JSON.parse(readFileSync(resolve(MODELS, id, 'manifest.json'), 'utf8')) as { modelFile: string };
      const model = JSON.parse(readFileSync(resolve(MODELS, id, manifest.modelFile), 'utf8')) as { weightsManifest: { paths: string[] }[] };
      expect(server.requests).toContain(`/models/${id}/manifest.json`);
      expect(server.requests).toContain(`/models/${id}/${manifest.modelFile}`);
      for (const p of model.weightsManifest.flatMap((g) => g.paths)) expect(server.requests).toContain(`/models/${id}/${p}`);
    }
    expect(new Set(server.requests).size).toBe(server.requests.length);
    // auto's start level (index.json defaults.autoStart) needs more models: none of them is
    // fetched at boot, they would compete with the first label.
    expect(membersOf(index.defaults.autoStart).length).toBeGreaterThan(membersOf(lightest).length);
    expect(classifiersFetched(server.requests)).toEqual(membersOf(lightest));
  });

  it('?quality=fast prefetches only the fast level\'s model; a forced balanced both of its models', async () => {
    const server = modelServer();
    vi.stubGlobal('fetch', server.impl);
    await prefetchDefaultModels('/models/', 'fast');
    expect(classifiersFetched(server.requests)).toEqual(membersOf('fast'));
    clearPrefetched();
    const forced = modelServer();
    vi.stubGlobal('fetch', forced.impl);
    await prefetchDefaultModels('/models/', 'balanced');
    expect(classifiersFetched(forced.requests).sort()).toEqual(membersOf('balanced').sort());
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
