// Offline use: after one visit the service worker has the app, the models and the WASM binaries,
// and the app starts and labels faces with the network off.
import { test, expect, waitForFaces } from './fixtures';

test('after one visit the app loads and labels faces offline', async ({ page, context, watch }) => {
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  // The worker registers a few seconds after the first result; installed = its cache is complete.
  const cached = await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.ready;
    const names = (await caches.keys()).filter((n) => n.startsWith('emotion-lens-'));
    const cache = await caches.open(names[0]);
    const urls = (await cache.keys()).map((r) => new URL(r.url).pathname);
    return { state: reg.active?.state, names, urls };
  });
  expect(cached.state).toBe('activated');
  expect(cached.names).toHaveLength(1);
  for (const u of ['/index.html', '/manifest.webmanifest', '/models/index.json', '/models/big-xception/group1-shard1of1.bin', '/models/mini-xception/group1-shard1of1.bin', '/models/blazeface-short/facemesh-detection-short.bin', '/wasm/tfjs-backend-wasm-simd.wasm']) {
    expect(cached.urls, u).toContain(u);
  }
  expect(cached.urls.some((u) => /^\/assets\/index-.+\.js$/.test(u))).toBe(true);
  // Reference conversions kept only for tests are never downloaded.
  expect(cached.urls.filter((u) => u.includes('/emotion-xception/') || u.includes('/face-expression/'))).toEqual([]);

  await context.setOffline(true);
  // The browser's update check of sw.js fails while offline; that is expected.
  watch.allowErrors(/sw\.js|service ?worker|ERR_INTERNET_DISCONNECTED/i);
  await page.reload();
  expect(await page.evaluate(() => fetch('/not-precached.txt').then(() => 'online', () => 'offline'))).toBe('offline');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await waitForFaces(page, 3);
  expect(await page.evaluate(() => self.crossOriginIsolated), 'COOP/COEP kept by cached responses').toBe(true);
});
