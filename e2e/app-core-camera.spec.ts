// Settings changed while the camera prompt is open must apply to the camera the prompt opens
// (issue 11, bug 4). The 1280×720 crowd fixture is the camera: it opens at 640×480.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { chromiumPath, fakeCameraArgs } from './browser';
import { allowCamera, holdCameraPrompt } from './camera-gate';

const MANY_FACES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'fixtures', 'many-faces.y4m');

test.use({ launchOptions: { executablePath: chromiumPath(), args: fakeCameraArgs(MANY_FACES) } });

test('far faces switched on during the camera prompt opens the camera at the far-faces size', async ({ page }) => {
  test.setTimeout(240_000);
  await holdCameraPrompt(page);
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'starting');
  await page.getByTestId('far-faces').selectOption('on');
  // The models are in (and the detector setting applied) while the prompt is still open.
  await expect
    .poll(() => page.evaluate(() => performance.getEntriesByName('emotion-lens:models-ready').length), { timeout: 60_000 })
    .toBe(1);
  await page.waitForTimeout(1500);
  await allowCamera(page);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect
    .poll(() => page.evaluate(() => document.querySelector('video')!.videoWidth), { timeout: 30_000 })
    .toBe(1280);
});
