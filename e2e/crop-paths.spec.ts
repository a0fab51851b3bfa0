// On WASM, frames where the detector runs crop faces from the uploaded frame tensor; the frames in
// between crop them straight from the video with a 2D canvas (src/classify/canvas-crop.ts). Both
// must feed the model the same picture: on the static fixture, running every frame through one
// path or the other gives the same probabilities.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

async function steadyProbs(page: Page, query: string): Promise<number[][]> {
  // One quality level for both runs: under auto, the slower every-frame-detector run could pick a lighter one.
  await page.goto(`/?backend=wasm&quality=balanced&${query}`);
  await page.waitForFunction(() => (window.emotionApp.getLatest()?.frame ?? 0) > 40, null, { timeout: 60_000 });
  return page.evaluate(() =>
    window.emotionApp
      .getLatest()!
      .faces.slice()
      .sort((a, b) => a.box.x - b.box.x)
      .map((f) => Object.values(f.probs)),
  );
}

for (const align of ['1', '0']) {
  test(`canvas crops match tensor crops (alignEyes=${align})`, async ({ page }) => {
    const tensor = await steadyProbs(page, `detectEvery=1&alignEyes=${align}`); // detector on every frame: tensor crops only
    const canvas = await steadyProbs(page, `detectEvery=100000&alignEyes=${align}`); // detector once: canvas crops after
    expect(canvas).toHaveLength(3);
    expect(tensor).toHaveLength(3);
    const worst = Math.max(...tensor.flatMap((row, i) => row.map((p, j) => Math.abs(p - canvas[i][j]))));
    expect(worst).toBeLessThan(0.05);
  });
}
