// A class seen from the front of the room, in the default view: no ?mode=classroom, no setting
// changed. The camera picture (the generated many-faces fixture: the six sample photos as one
// 1280×720 frame, 19 faces of 40–60 px) is too small for the short-range detector alone; far faces
// "auto" finds the class within seconds of the first frame.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, latestFaces } from './fixtures';
import { chromiumPath, fakeCameraArgs } from './browser';

const MANY_FACES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.cache', 'fixtures', 'many-faces.y4m');
test.use({ launchOptions: { executablePath: chromiumPath(), args: fakeCameraArgs(MANY_FACES) } });

/** The faces in the fixture that a person sees and the tiled full-range detector finds (counted on a screenshot). */
const CLASS_SIZE = 19;

test('a whole class is labelled in the default view within 5 s of the first frame', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('far-faces')).toHaveValue('auto');
  await expect.poll(() => page.evaluate(() => window.emotionApp?.getLatest() != null), { timeout: 60_000 }).toBe(true);

  await expect.poll(async () => (await latestFaces(page)).length, { timeout: 5_000, intervals: [100] }).toBeGreaterThanOrEqual(CLASS_SIZE);
  const faces = await latestFaces(page);
  // Every face has a label, and none is a ghost: all are small faces of the class (the fixture has
  // no face over 70 px wide at 1280×720).
  expect(faces.length).toBeLessThanOrEqual(CLASS_SIZE + 1);
  for (const f of faces) {
    expect(f.emotion).toMatch(/^(angry|disgust|fear|happy|sad|surprise|neutral|uncertain)$/);
    expect(f.box.width).toBeLessThan(100);
  }
  await expect.poll(() => page.getByTestId('face-result').count()).toBeGreaterThanOrEqual(CLASS_SIZE);
});

declare global {
  interface Window {
    __clicks?: number[];
  }
}

test('the page answers clicks in the middle of a crowd frame: the models work in short tasks', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?backend=wasm'); // the models run on the page's thread here
  await expect.poll(async () => (await latestFaces(page)).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(15);
  await page.evaluate(() => {
    window.__clicks = [];
    document.addEventListener('click', () => window.__clicks!.push(performance.now()), true);
  });
  // Plain mouse clicks on the picture (each waits until the page has handled it), not
  // locator.click, whose actionability checks wait for idle frames on a busy 2-core runner.
  const box = (await page.getByTestId('stage').boundingBox())!;
  for (let i = 0; i < 20; i++) {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(37); // spread the clicks over the frames
  }
  // A click handled between a frame's start and end means that frame's work (detector regions,
  // classification chunks) was split into tasks with the browser in between. Frames of the light
  // quality level may be short enough to need no split: the detector frames always yield.
  const inside = await page.evaluate(() => {
    const frames = window.emotionApp.getTimings().filter((f) => f.faces >= 15);
    return window.__clicks!.filter((c) => frames.some((f) => c > f.endMs - f.totalMs && c < f.endMs)).length;
  });
  expect(inside).toBeGreaterThan(0);
});
