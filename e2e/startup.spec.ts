// Start-up: the boot script opens the camera and downloads the models while the app's bundle
// loads; the app takes those downloads over instead of fetching again (src/startup).
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
  expect(marks.indexOf('boot')).toBeLessThan(marks.indexOf('script'));
  expect(marks).toContain('first-result');
});

test('the WebGL renderer is probed once and remembered for the next visit', async ({ page }) => {
  await page.goto('/');
  await waitForFaces(page, 3);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('emotion-lens:webgl-renderer') ?? 'null') as { renderer: string } | null);
  expect(saved?.renderer).toMatch(/swiftshader/i);
  await page.reload();
  await waitForFaces(page, 3);
  await expect(page.getByTestId('backend')).toHaveAttribute('title', /software WebGL/);
});
