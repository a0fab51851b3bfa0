// Images and videos from disk get the same overlays and results contract as the camera;
// files that can't be used get a clear message and leave what was running untouched.
import { test, expect, latestFaces, waitForFaces } from './fixtures';
import { sampleImagePath } from '../src/fixture/samples.ts';

test('an image chosen with the file picker is analysed, boxes in the image’s own pixels', async ({ page }) => {
  await page.goto('/?backend=wasm&autostart=0');
  await page.getByTestId('file-input').setInputFiles(sampleImagePath(1));
  await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'image');
  const faces = await waitForFaces(page, 3);
  // sample1 is 1920×1280 and analysed at that size: its faces are far right of 640 px.
  expect(Math.max(...faces.map((f) => f.box.x + f.box.width))).toBeGreaterThan(1500);
  await expect(page.getByTestId('face-result')).toHaveCount(3);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
});

test('a file that is not an image or video is refused with a message, and the camera keeps running', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  await page.getByTestId('file-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'unsupported-file');
  await expect(page.getByTestId('error')).toContainText('not an image or a video');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  const frame = await page.evaluate(() => window.emotionApp.getLatest()!.frame);
  await expect.poll(() => page.evaluate(() => window.emotionApp.getLatest()?.frame ?? -1)).toBeGreaterThan(frame);
  expect(await latestFaces(page)).toHaveLength(3);
});

test('a corrupt image is refused with a message', async ({ page }) => {
  await page.goto('/?backend=wasm&autostart=0');
  await page.getByTestId('file-input').setInputFiles({ name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xff, 0xd8, 0xff, 0x00, 1, 2, 3]) });
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'bad-file');
  await expect(page.getByTestId('error')).toContainText('broken.jpg');
});
