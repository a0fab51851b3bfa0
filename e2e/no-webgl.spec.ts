// A browser without WebGL still runs the app, on WebAssembly, and tells the user.
import { test, expect } from './fixtures';
import { fakeCameraArgs, FIXTURE_PATHS, chromiumPath } from './browser';

test.use({
  launchOptions: { executablePath: chromiumPath(), args: [...fakeCameraArgs(FIXTURE_PATHS.threeFaces), '--disable-webgl', '--disable-webgl2'] },
});

test('without WebGL the app falls back to WebAssembly and says so', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByTestId('notice')).toContainText('WebGL is not available');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
});
