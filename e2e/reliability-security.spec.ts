// Security of a whole session (load, camera, a photo analysed): a strict CSP with no violation,
// cross-origin isolation, and not a single request leaving the page's origin.
import { test, expect, waitForFaces } from './fixtures';
import { sampleImagePath } from '../src/fixture/samples.ts';

test('a full session stays on its origin under a strict Content-Security-Policy', async ({ page, context, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // Context level: also sees the service worker's and workers' requests.
  const requests: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });

  const response = await page.goto('/?backend=wasm');
  const headers = response!.headers();
  const csp = headers['content-security-policy'];
  expect(csp, 'CSP header').toBeTruthy();
  const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['connect-src']).toEqual(["'self'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['frame-ancestors']).toEqual(["'none'"]);
  for (const [name, sources] of Object.entries(directives)) {
    expect(sources, name).not.toContain("'unsafe-inline'");
    expect(sources, name).not.toContain("'unsafe-eval'");
    expect(sources.some((s: string) => s === '*' || s.startsWith('http') || s === 'data:' || s === 'https:'), `${name} allows other origins`).toBe(false);
  }
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy']).toBe('require-corp');

  await waitForFaces(page, 3);
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  await page.getByTestId('file-input').setInputFiles(sampleImagePath(1));
  await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'image');
  await waitForFaces(page, 3);
  await page.evaluate(() => navigator.serviceWorker.ready); // its precache downloads are part of the session

  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
  expect(requests.length).toBeGreaterThan(10);
  const offOrigin = requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
  expect(offOrigin).toEqual([]);
  // The models and WASM came from the app itself.
  expect(requests.some((u) => u.startsWith(`${origin}/models/`))).toBe(true);
  expect(requests.some((u) => u.startsWith(`${origin}/wasm/`))).toBe(true);
});
