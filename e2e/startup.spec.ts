// Start-up: the boot script opens the camera and downloads the models while the app's bundle
// loads; the app takes those downloads over instead of fetching again (src/startup).
import { readFileSync } from 'node:fs';
import { test, expect, waitForFaces } from './fixtures';

test('models and the WASM binary are each downloaded once, started by the boot script', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(models|wasm)\//.test(path)) requests.push(path);
  });
  await page.goto('/');
  // The QA contract's API is there before the app's bundle has run.
  expect(await page.evaluate(() => typeof window.emotionApp?.getLatest)).toBe('function');
  await waitForFaces(page, 3);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');

  const counts = new Map<string, number>();
  for (const p of requests) counts.set(p, (counts.get(p) ?? 0) + 1);
  expect([...counts].filter(([, n]) => n > 1), 'requested more than once').toEqual([]);
  expect(requests).toContain('/models/index.json');
  expect(requests.filter((p) => p.endsWith('.bin')).length).toBeGreaterThanOrEqual(2);
  expect(requests.filter((p) => p.startsWith('/wasm/'))).toEqual(['/wasm/tfjs-backend-wasm-simd.wasm']);

  const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name.replace('emotion-lens:', '')));
  // Boot starts before the app's script; the first result is the last start-up step.
  expect(marks).toContain('boot');
  expect(marks).toContain('script');
  expect(marks.indexOf('boot')).toBeLessThan(marks.indexOf('script'));
  expect(marks).toContain('first-result');
});

test('the camera picture plays while the emotion model still downloads, so its first frame is ready with the models', async ({ page }) => {
  // The lightest level's weights arrive 2 s late: the video must not wait for them.
  await page.route(/\/models\/mini-xception\/.*\.bin$/, async (route) => {
    await new Promise((r) => setTimeout(r, 2000));
    await route.continue();
  });
  await page.goto('/');
  await expect
    .poll(() => page.evaluate(() => {
      const v = document.querySelector('video');
      return v !== null && !v.paused && v.readyState >= 2 && v.currentTime > 0;
    }), { message: 'the camera video plays', timeout: 15_000 })
    .toBe(true);
  expect(await page.evaluate(() => performance.getEntriesByName('emotion-lens:models-ready').length), 'models still loading').toBe(0);
  await waitForFaces(page, 3);
  const order = await page.evaluate(() => ['camera-playing', 'models-ready', 'first-result'].map((m) => performance.getEntriesByName(`emotion-lens:${m}`)[0]?.startTime ?? NaN));
  expect(order[0]).toBeLessThan(order[1]);
  expect(order[1]).toBeLessThan(order[2]);
});

test("the app's chunks are fetched while the boot script loads, not after it ran (modulepreload in the HTML)", async ({ page }) => {
  await page.goto('/');
  await waitForFaces(page, 3);
  const t = await page.evaluate(() => {
    const boot = performance.getEntriesByName('emotion-lens:boot')[0]?.startTime ?? NaN;
    const main = performance.getEntriesByType('resource').find((e) => /\/assets\/main-[^/]*\.js$/.test(new URL(e.name).pathname));
    return { boot, mainRequested: main ? main.startTime : NaN };
  });
  expect(Number.isFinite(t.mainRequested), "the app's main chunk is among the page's resources").toBe(true);
  expect(t.mainRequested).toBeLessThan(t.boot);
});

test("the WASM backend's code is part of the app's bundle, preloaded by the HTML (not a later import waiting behind React's first render)", async ({ request }) => {
  // The HTML as served (at run time Vite's import helper adds links of its own for later imports).
  const html = await (await request.get('/')).text();
  const hrefs = [...html.matchAll(/<link rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  expect(hrefs.length).toBeGreaterThan(0);
  const bodies = await Promise.all(hrefs.map(async (h) => (await request.get(h)).text()));
  // A flag only @tensorflow/tfjs-backend-wasm registers.
  expect(bodies.some((b) => b.includes('WASM_HAS_SIMD_SUPPORT'))).toBe(true);
});

test("a first visit's WASM backend starts before React's first render is on the page, not after it", async ({ page }) => {
  await page.goto('/');
  await waitForFaces(page, 3);
  const at = await page.evaluate(() => ['script', 'wasm-code', 'ui-attached'].map((m) => performance.getEntriesByName(`emotion-lens:${m}`)[0]?.startTime ?? NaN));
  expect(at.every(Number.isFinite), 'marks made').toBe(true);
  // The backend's code is used in the same turn as the app's script: no import() resolving in a later task.
  expect(at[0]).toBeLessThan(at[1]);
  expect(at[1]).toBeLessThan(at[2]);
});

test("the first label's model files are requested by the HTML, all at once before the boot script runs, and used", async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/models/')) requests.push(path);
  });
  await page.goto('/');
  await waitForFaces(page, 3);
  const t = await page.evaluate(() => {
    const boot = performance.getEntriesByName('emotion-lens:boot')[0]?.startTime ?? NaN;
    const preloads = [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map((l) => new URL(l.href).pathname).filter((p) => p.startsWith('/models/'));
    const started = performance.getEntriesByType('resource').filter((e) => preloads.includes(new URL(e.name).pathname)).map((e) => e.startTime);
    return { boot, preloads, started };
  });
  expect(t.preloads).toContain('/models/index.json');
  expect(t.preloads.filter((p) => p.endsWith('.bin')).length).toBeGreaterThanOrEqual(2);
  expect(t.started.length).toBe(t.preloads.length);
  for (const at of t.started) expect(at).toBeLessThan(t.boot);
  // The boot script's and the loaders' fetches took the preloaded responses: no file twice.
  for (const p of t.preloads) expect(requests.filter((r) => r === p), p).toHaveLength(1);
});

test('auto\'s first label waits for the lightest level\'s model only: its start level\'s other models download after it', async ({ page }) => {
  const index = JSON.parse(readFileSync(new URL('../models/index.json', import.meta.url), 'utf8')) as {
    defaults: { autoStart: string };
    quality: { id: string; members: { model: string }[] }[];
  };
  const members = (id: string) => index.quality.find((l) => l.id === id)!.members.map((m) => m.model);
  const lightest = members(index.quality[0].id);
  const later = members(index.defaults.autoStart).filter((m) => !lightest.includes(m));
  expect(later.length, 'auto\'s start level has models the lightest level has not').toBeGreaterThan(0);
  // When the first label appears, from before any page script runs (as `npm run bench` measures it).
  await page.addInitScript(() => {
    const w = window as unknown as { firstLabelMs?: number };
    const obs = new MutationObserver(() => {
      if (w.firstLabelMs === undefined && document.querySelector('[data-testid="face-result"]')) {
        w.firstLabelMs = performance.now();
        obs.disconnect();
      }
    });
    obs.observe(document, { childList: true, subtree: true });
  });
  await page.goto('/');
  await waitForFaces(page, 3);
  const fetchedAt = (model: string) =>
    page.evaluate((m) => performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.startsWith(`/models/${m}/`)).map((e) => e.startTime), model);
  const firstLabel = await page.evaluate(() => (window as unknown as { firstLabelMs?: number }).firstLabelMs);
  expect(firstLabel).toBeDefined();
  for (const m of lightest) expect(Math.max(...(await fetchedAt(m)))).toBeLessThan(firstLabel!);
  for (const m of later) {
    // Loaded in the background once the first frame is shown, so auto can move up.
    await expect.poll(() => fetchedAt(m).then((t) => t.length), { message: `${m} is downloaded after the first label` }).toBeGreaterThan(0);
    expect(Math.min(...(await fetchedAt(m)))).toBeGreaterThan(firstLabel!);
  }
});

test("a first visit's renderer check makes its main-thread WebGL context after the first result, not before", async ({ page }) => {
  await page.addInitScript(() => {
    const real = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
      if (type.startsWith('webgl')) performance.mark('test:page-webgl-context');
      return (real as (...a: unknown[]) => RenderingContext | null).call(this, type, ...rest);
    } as typeof real;
  });
  await page.goto('/');
  await waitForFaces(page, 3);
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('test:page-webgl-context').length), { timeout: 10_000 }).toBeGreaterThan(0);
  const t = await page.evaluate(() => ({
    context: performance.getEntriesByName('test:page-webgl-context')[0].startTime,
    firstResult: performance.getEntriesByName('emotion-lens:first-result')[0].startTime,
  }));
  expect(t.context).toBeGreaterThan(t.firstResult);
});

test('the WebGL renderer is probed once and remembered for the next visit', async ({ page }) => {
  await page.goto('/');
  await waitForFaces(page, 3);
  // The check's main-thread half runs after the first result (early-start.ts): it is remembered soon after.
  const saved = () => page.evaluate(() => (JSON.parse(localStorage.getItem('emotion-lens:webgl-renderer') ?? 'null') as { renderer: string } | null)?.renderer ?? '');
  await expect.poll(saved, { timeout: 10_000 }).toMatch(/swiftshader/i);
  await page.reload();
  await waitForFaces(page, 3);
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /software WebGL/);
});

test('a first visit does not wait for the GPU check, and moves to WebGL when it finds a GPU', async ({ page }) => {
  test.setTimeout(300_000); // WebGL on software GL compiles its shaders slowly
  // Make the page's WebGL report a GPU (the worker's probe only warms up; the page's answer counts).
  await page.addInitScript(() => {
    for (const proto of [WebGLRenderingContext.prototype, WebGL2RenderingContext.prototype]) {
      const get = proto.getParameter;
      proto.getParameter = function (this: WebGLRenderingContext, p: number) {
        return p === 0x9246 ? 'Test GPU (NVIDIA GeForce)' : get.call(this, p);
      } as typeof get;
    }
  });
  // Hold the probe back, as a slow first WebGL context would: the app must not wait for it.
  let releaseProbe: () => void = () => undefined;
  const probeHeld = new Promise<void>((r) => (releaseProbe = r));
  await page.route(/renderer-probe\.worker.*\.js/, async (route) => {
    await probeHeld;
    await route.continue();
  });
  await page.goto('/');
  await waitForFaces(page, 3);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /while the GPU check runs/);
  releaseProbe();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl', { timeout: 120_000 });
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /auto: GPU \(Test GPU/);
  await expect(page.getByTestId('notice')).toContainText('A GPU was found');
  // Software GL compiles WebGL shaders slowly: the move ends after its warm-up.
  await expect(page.getByTestId('notice')).toContainText('switched to WebGL', { timeout: 150_000 });
  // Frames are processed again, now on WebGL, and label the same three faces.
  const switchedAt = await page.evaluate(() => performance.now());
  await expect.poll(() => page.evaluate(() => window.emotionApp.getTimings().at(-1)?.endMs ?? 0), { timeout: 60_000 }).toBeGreaterThan(switchedAt);
  await waitForFaces(page, 3);
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem('emotion-lens:webgl-renderer') ?? 'null')?.renderer)).toBe('Test GPU (NVIDIA GeForce)');
});

test('on software GL the first visit stays on WASM and says why once the check is back', async ({ page }) => {
  await page.goto('/');
  await waitForFaces(page, 3);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /auto: software WebGL/);
});
