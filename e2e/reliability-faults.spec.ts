// Faults during a lesson, each recovered or explained: the camera goes away, the tab is hidden,
// the GPU context is lost. (A user model that throws: src/faults/faults.test.ts.)
import { test, expect, waitForFaces } from './fixtures';

const frameNo = (page: import('@playwright/test').Page) => page.evaluate(() => window.emotionApp.getLatest()?.frame ?? -1);

test('a camera that stops gets a message and a working Reconnect button', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  // What unplugging does to the stream; stop() fires no 'ended' event, so the app must notice by itself.
  await page.evaluate(() => {
    const stream = document.querySelector('video')!.srcObject as MediaStream;
    for (const t of stream.getVideoTracks()) t.stop();
  });
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'camera-ended');
  await expect(error).toContainText('camera stopped');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'error');

  await expect(page.getByTestId('retry')).toHaveText('Reconnect camera');
  await page.getByTestId('retry').click();
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('error')).toHaveCount(0);
  const after = await frameNo(page);
  await expect.poll(() => frameNo(page)).toBeGreaterThan(after + 3);
  await waitForFaces(page, 3);
});

test('the frame loop pauses while the tab is hidden and resumes when it is shown', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((s) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    }, state);

  await setVisibility('hidden');
  await page.waitForTimeout(500); // a frame already in flight may finish
  const hiddenAt = await frameNo(page);
  const timingsAt = await page.evaluate(() => window.emotionApp.getTimings().length);
  await page.waitForTimeout(3000); // several frames' worth at this fixture's rate
  expect(await frameNo(page), 'frames processed while hidden').toBe(hiddenAt);
  expect(await page.evaluate(() => window.emotionApp.getTimings().length)).toBe(timingsAt);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');

  await setVisibility('visible');
  await expect.poll(() => frameNo(page)).toBeGreaterThan(hiddenAt + 3);
  await waitForFaces(page, 3);
});

test.describe('WebGL context loss', () => {
  // Records every WebGL context the page creates, so the test can take tfjs's away.
  test.beforeEach(async ({ page }) => {
    await page.addInitScript(() => {
      const contexts: WebGLRenderingContext[] = [];
      (window as unknown as { __gl: WebGLRenderingContext[] }).__gl = contexts;
      for (const C of [HTMLCanvasElement, OffscreenCanvas]) {
        const original = C.prototype.getContext as (this: unknown, type: string, ...rest: unknown[]) => unknown;
        C.prototype.getContext = function (this: unknown, type: string, ...rest: unknown[]) {
          const ctx = original.call(this, type, ...rest);
          if (ctx && type.startsWith('webgl')) contexts.push(ctx as WebGLRenderingContext);
          return ctx;
        } as never;
      }
    });
  });

  test('falls back to WebAssembly, says so and keeps labelling faces', async ({ page }) => {
    test.setTimeout(240_000); // WebGL on SwiftShader takes seconds per frame
    await page.goto('/?backend=webgl');
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl', { timeout: 120_000 });
    await expect.poll(() => frameNo(page), { timeout: 150_000 }).toBeGreaterThanOrEqual(0);
    const lost = await page.evaluate(() => {
      let n = 0;
      for (const gl of (window as unknown as { __gl: WebGLRenderingContext[] }).__gl) {
        if (gl.isContextLost()) continue;
        gl.getExtension('WEBGL_lose_context')?.loseContext();
        n++;
      }
      return n;
    });
    expect(lost).toBeGreaterThan(0);
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
    await expect(page.getByTestId('notice')).toContainText('switched to WebAssembly');
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('error')).toHaveCount(0);
    await waitForFaces(page, 3);
  });
});
