// Classroom presentation mode on the three-face fixture: opened by URL and by key, controls
// hidden, privacy note kept, shortcuts and their help, pause, mirror, snapshot download.
import { readFile } from 'node:fs/promises';
import { decodeImage } from '../src/imageio/decode.ts';
import { test, expect, waitForFaces } from './fixtures';

const frameNumber = (page: import('@playwright/test').Page) => page.evaluate(() => window.emotionApp.getLatest()?.frame ?? -1);

test('?mode=classroom opens presentation mode; shortcuts work and are listed in the help', async ({ page }) => {
  await page.goto('/?backend=wasm&mode=classroom');
  const app = page.getByTestId('app');
  await expect(app).toHaveAttribute('data-presentation', 'true');
  await expect(page.getByTestId('start-stop')).toBeHidden();
  await expect(page.getByTestId('privacy')).toBeVisible();
  await expect(page.getByTestId('mood-panel')).toBeVisible();
  await waitForFaces(page, 3);

  // Help lists the shortcuts and closes with Esc without leaving presentation mode.
  await page.keyboard.press('?');
  const help = page.getByTestId('help');
  await expect(help).toBeVisible();
  for (const k of ['Space', 'F', 'M', 'S', 'C', 'Esc']) await expect(help.locator('kbd', { hasText: new RegExp(`^${k === '?' ? '\\?' : k}$`) })).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(app).toHaveAttribute('data-presentation', 'true');

  // M mirrors, C hides the class mood panel.
  const video = page.locator('video');
  await expect(video).toHaveClass(/mirrored/);
  await page.keyboard.press('m');
  await expect(video).not.toHaveClass(/mirrored/);
  await page.keyboard.press('m');
  await page.keyboard.press('c');
  await expect(page.getByTestId('mood-panel')).toBeHidden();
  await page.keyboard.press('c');
  await expect(page.getByTestId('mood-panel')).toBeVisible();

  // Space freezes the view: no frame is processed until it is pressed again.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('paused')).toBeVisible();
  const frozen = await frameNumber(page);
  await page.waitForTimeout(1500);
  expect(await frameNumber(page)).toBe(frozen);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('paused')).toBeHidden();
  await expect.poll(() => frameNumber(page)).toBeGreaterThan(frozen);

  // S saves the frame with its overlays as a PNG of the video's size.
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('s')]);
  expect(download.suggestedFilename()).toMatch(/^emotion-lens-snapshot-.*\.png$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]); // a PNG
  const png = decodeImage(bytes, 'snapshot');
  const size = await page.evaluate(() => {
    const v = document.querySelector('video')!;
    return [v.videoWidth, v.videoHeight];
  });
  expect([png.width, png.height]).toEqual(size);
  // Not blank: the frame's pixels vary.
  const lum = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4 * 997) lum.add(png.data[i] >> 4);
  expect(lum.size).toBeGreaterThan(4);

  // Esc leaves presentation mode and brings the controls back.
  await page.keyboard.press('Escape');
  await expect(app).toHaveAttribute('data-presentation', 'false');
  await expect(page.getByTestId('start-stop')).toBeVisible();
  // P (or the button) enters it again; keyboard focus stays usable on the controls.
  await page.keyboard.press('p');
  await expect(app).toHaveAttribute('data-presentation', 'true');
  await page.getByTestId('leave-presentation').click();
  await expect(app).toHaveAttribute('data-presentation', 'false');
  await page.getByTestId('presentation').focus();
  await page.keyboard.press('Enter');
  await expect(app).toHaveAttribute('data-presentation', 'true');
});
