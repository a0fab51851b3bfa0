// The app core's start-up and settings bugs (issue 11), each reproduced deterministically: the
// camera prompt is held open by a gate, so "during start-up" is a window the test controls.
import type { Page } from '@playwright/test';
import { allowCamera, holdCameraPrompt } from './camera-gate';
import { test, expect, waitForFaces } from './fixtures';

const status = (page: Page) => page.getByTestId('status');

test.describe('start and stop during start-up', () => {
  test('Start pressed while the app starts is a no-op: the app ends up running', async ({ page }) => {
    await holdCameraPrompt(page);
    await page.goto('/?backend=wasm');
    await expect(status(page)).toHaveAttribute('data-state', 'starting');
    const button = page.getByTestId('start-stop');
    // A user (or a script) presses Start as soon as they see it, while the camera prompt is open.
    const click = button.click();
    await page.waitForTimeout(500);
    await allowCamera(page);
    await click;
    await expect(status(page)).toHaveAttribute('data-state', 'running');
    await waitForFaces(page, 3);
    await page.waitForTimeout(1000);
    await expect(status(page)).toHaveAttribute('data-state', 'running');
    await expect(button).toHaveText('Stop');
  });

  test('stop then start through the QA API during start-up ends running, with one camera stream', async ({ page }) => {
    await holdCameraPrompt(page);
    await page.goto('/?backend=wasm');
    await expect(status(page)).toHaveAttribute('data-state', 'starting');
    await page.evaluate(() => {
      window.emotionApp.stop();
      void window.emotionApp.start();
      void window.emotionApp.start(); // twice: the second is the same start
    });
    await allowCamera(page);
    await waitForFaces(page, 3);
    await page.waitForTimeout(1000);
    await expect(status(page)).toHaveAttribute('data-state', 'running');
    const live = await page.evaluate(() => (document.querySelector('video')!.srcObject as MediaStream | null)?.getVideoTracks().filter((t) => t.readyState === 'live').length ?? 0);
    expect(live).toBe(1);
  });
});

test.describe('settings from the URL', () => {
  // Mirror TTA is the "best" quality level's (models/index.json); ?tta= only sets it for a user's own
  // model (engine.test.ts: it reaches the pipeline and survives a reload), so no label setting shows it.
  test('?tta=flip with ?quality=best: the levels keep their own TTA, no mirror setting is offered', async ({ page }) => {
    await page.goto('/?backend=wasm&tta=flip&quality=best');
    await waitForFaces(page, 3);
    await expect.poll(() => page.evaluate(() => window.emotionApp.getQuality()?.level)).toBe('best');
    await expect(page.getByTestId('setting-flip-tta')).toHaveCount(0);
  });
});
