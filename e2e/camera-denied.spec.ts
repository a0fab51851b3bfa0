// A user who refuses the camera gets a message saying what to do, not a blank page.
import { test, expect } from './fixtures';
import { fakeCameraArgs, FIXTURE_PATHS, chromiumPath } from './browser';

test.use({ launchOptions: { executablePath: chromiumPath(), args: fakeCameraArgs(FIXTURE_PATHS.threeFaces, false) } });

test('camera permission denied shows what to do', async ({ page }) => {
  await page.goto('/?backend=wasm');
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'camera-denied');
  await expect(error).toContainText('Camera permission was denied');
  await expect(error).toContainText('Allow the camera');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'error');
});
