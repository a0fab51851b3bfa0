// Failures a user can meet, each with a clear message in the page and no uncaught exception.
import { test, expect } from './fixtures';

test.describe('model files', () => {
  // A richer quality level falls back to a lighter one (e2e/quality.spec.ts); the lightest level's
  // model (mini-Xception, in every level) broken leaves no labels: an error.
  test('a missing model file gives a clear error', async ({ page, watch }) => {
    watch.allowErrors(/Failed to load resource.*404/);
    await page.route('**/models/mini-xception/group1-shard1of1.bin', (r) => r.fulfill({ status: 404, body: 'gone' }));
    await page.goto('/?backend=wasm');
    const error = page.getByTestId('error');
    await expect(error).toHaveAttribute('data-code', 'model-load');
    await expect(error).toContainText('model could not be loaded');
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'error');
  });

  test('a corrupt model file gives a clear error', async ({ page }) => {
    await page.route('**/models/mini-xception/model.json', (r) =>
      r.fulfill({ status: 200, contentType: 'application/json', body: '{"format": "layers-model", "modelTopology": ' }),
    );
    await page.goto('/?backend=wasm');
    await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'model-load');
    await expect(page.getByTestId('error')).toContainText('emotion');
  });
});

