// Quality levels live (issue 13): ?quality= forces a level, auto reports a level and why, the
// setting moves between levels, and a level whose model is broken falls back to a lighter one with
// a notice while faces keep their labels.
import type { Page } from '@playwright/test';
import { test, expect, waitForFaces } from './fixtures';

const quality = (page: Page) => page.evaluate(() => window.emotionApp.getQuality());

/** Three labelled faces whose probabilities have the model's labels and sum to 1. */
async function labelled(page: Page): Promise<void> {
  const faces = await waitForFaces(page, 3);
  for (const f of faces) {
    expect(f.emotion).toBeTruthy();
    const sum = Object.values(f.probs).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 3);
  }
}

for (const level of ['fast', 'balanced', 'best']) {
  test(`?quality=${level} runs ${level}: shown next to the backend and reported by the QA API`, async ({ page }) => {
    await page.goto(`/?backend=wasm&quality=${level}`);
    await labelled(page);
    await expect.poll(() => quality(page)).toMatchObject({ level, setting: level, reason: `set to ${level}` });
    const shown = page.getByTestId('quality');
    await expect(shown).toHaveAttribute('data-level', level);
    await expect(shown).toContainText(`Quality: ${level}`);
    await expect(page.getByTestId('setting-quality')).toHaveValue(level);
  });
}

test('auto reports a level and the reason it was chosen; the setting forces another level live', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await labelled(page);
  // Once a frame with faces has been timed, auto decides from this device's speed (3 faces here).
  await expect.poll(async () => (await quality(page))?.reason ?? '', { timeout: 30_000 }).toMatch(/^auto: 3 faces: /);
  const q = (await quality(page))!;
  expect(q.setting).toBe('auto');
  expect(['fast', 'balanced', 'best']).toContain(q.level);
  expect(q.reason).toContain(q.level!);
  await expect(page.getByTestId('quality')).toHaveAttribute('data-setting', 'auto');
  await expect(page.getByTestId('quality-reason')).toContainText('3 faces');
  // Plain words on the status line; auto's timings one click away.
  await expect(page.getByTestId('quality-reason')).not.toContainText(' ms');
  await page.getByTestId('backend-details-toggle').click();
  await expect(page.getByTestId('backend-details')).toContainText(/Quality \w+: auto: 3 faces: .* ms/);

  await page.getByTestId('setting-quality').selectOption('fast');
  await expect.poll(() => quality(page)).toMatchObject({ level: 'fast', setting: 'fast' });
  await expect(page.getByTestId('quality')).toHaveAttribute('data-level', 'fast');
  await labelled(page);
});

test('a level whose model file is broken falls back to a lighter level with a notice; faces keep their labels', async ({ page, watch }) => {
  watch.allowErrors(/Failed to load resource.*404/);
  await page.route('**/models/big-xception/**', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/?backend=wasm&quality=best');
  await labelled(page);
  await expect.poll(() => quality(page)).toMatchObject({ level: 'fast', setting: 'best' });
  await expect(page.getByTestId('notice')).toContainText('Quality "best" could not load');
  await expect(page.getByTestId('notice')).toContainText('using "fast" instead');
  await expect(page.getByTestId('quality')).toContainText('best could not load');
  await expect(page.getByTestId('error')).toHaveCount(0);
});
