// Labels in a crowd (the many-faces camera: 19 faces of 40–60 px in a 1280×720 frame), on a phone
// and in presentation mode on a laptop: a label never lies on another face; a face whose label has
// no free spot shows only its number (its card, or the mood panel, has the rest).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { intersects } from './geometry';
import { chromiumPath, fakeCameraArgs } from './browser';

const MANY_FACES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'fixtures', 'many-faces.y4m');
test.use({ launchOptions: { executablePath: chromiumPath(), args: fakeCameraArgs(MANY_FACES) } });


async function crowdLayout(page: Page) {
  await expect.poll(() => page.evaluate(() => window.emotionApp.getOverlayLayout()?.faces.length ?? 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(15);
  return (await page.evaluate(() => window.emotionApp.getOverlayLayout()))!;
}

for (const [name, url, viewport] of [
  ['phone, default view', '/?backend=wasm', { width: 390, height: 844 }],
  ['laptop, presentation mode', '/?backend=wasm&mode=classroom', { width: 1280, height: 800 }],
] as const) {
  test(`${name}: no label on another face; a face without room shows its number only`, async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    await page.setViewportSize(viewport);
    await page.goto(url);
    const layout = await crowdLayout(page);
    // The phone's 370 px wide picture has no room for 19 labels of 12 px text: the case under test.
    if (viewport.width < 700) expect(layout.faces.filter((f) => !f.clear).length).toBeGreaterThan(0);
    for (const f of layout.faces) {
      if (!f.clear) {
        expect(f.detail, `face ${f.number} without a free spot`).toBe('number');
        continue;
      }
      for (const other of layout.faces) if (other !== f) expect(intersects(f.label, other.box), `label of face ${f.number} on face ${other.number}`).toBe(false);
    }
    await page.screenshot({ path: testInfo.outputPath('crowd.png') });
  });
}
