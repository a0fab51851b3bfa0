// Bad or extreme input never freezes or blanks the page: huge photos, empty or undecodable
// videos, photos without a face, crowds beyond the detector's maximum.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { test, expect, latestFaces, waitForFaces, type FaceSnapshot } from './fixtures';
import { sampleImagePath } from '../src/fixture/samples.ts';
import { compose, cropImage, fitImage, gridLayout, loadImage, createImage, type RgbaImage } from '../src/imageio/index.ts';

// pngjs ships no type declarations: describe the one call used.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { write(png: RgbaImage, opts?: { colorType?: number; deflateLevel?: number }): Buffer } };
};
const png = (img: RgbaImage) => PNG.sync.write(img, { colorType: 2, deflateLevel: 1 });

const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
// Default maximum of faces per frame (settings.maxFaces = MAX_FACES_LIMIT).
const MAX_FACES = 30;
// BlazeFace boxes of the three faces in sample1.jpg (1920×1280), measured with the app's pipeline in Node.
const SAMPLE1_FACES = [
  { x: 817, y: 440, width: 248, height: 248 },
  { x: 349, y: 333, width: 300, height: 300 },
  { x: 1489, y: 175, width: 261, height: 261 },
];

function expectValidResults(faces: FaceSnapshot[], width: number, height: number): void {
  const ids = new Set(faces.map((f) => f.id));
  expect(ids.size).toBe(faces.length);
  for (const f of faces) {
    expect(Object.keys(f.probs)).toEqual(LABELS);
    const sum = Object.values(f.probs).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 1)).toBeLessThan(0.01);
    expect(LABELS.concat('uncertain')).toContain(f.emotion);
    expect(f.score).toBeGreaterThanOrEqual(0);
    expect(f.score).toBeLessThanOrEqual(1);
    expect(f.box.width).toBeGreaterThan(0);
    expect(f.box.x + f.box.width / 2).toBeGreaterThanOrEqual(0);
    expect(f.box.x + f.box.width / 2).toBeLessThanOrEqual(width);
    expect(f.box.y + f.box.height / 2).toBeGreaterThanOrEqual(0);
    expect(f.box.y + f.box.height / 2).toBeLessThanOrEqual(height);
  }
}

async function faceGrid(count: number, width: number, height: number): Promise<RgbaImage> {
  const photo = await loadImage(sampleImagePath(1));
  const crops = SAMPLE1_FACES.map((b) => {
    const side = Math.round(b.width * 1.5);
    return cropImage(photo, { x: Math.round(b.x + b.width / 2 - side / 2), y: Math.round(b.y + b.height / 2 - side / 2), width: side, height: side });
  });
  return compose(Array.from({ length: count }, (_, i) => crops[i % crops.length]), gridLayout(count, width, height, 1));
}

test('an 8000×8000 photo is analysed (scaled down inside the app), boxes in its own pixels', async ({ page }, info) => {
  test.setTimeout(180_000);
  const big = fitImage(await loadImage(sampleImagePath(1)), 8000, 8000); // the photo 4.17× larger, letterboxed
  const file = info.outputPath('huge-8000.png');
  writeFileSync(file, png(big));
  await page.goto('/?backend=wasm&autostart=0');
  await page.getByTestId('file-input').setInputFiles(file);
  await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'image');
  const faces = await waitForFaces(page, 3);
  expectValidResults(faces, 8000, 8000);
  // Right face: (1489 + 261) × 4.17 ≈ 7300 px in the file.
  expect(Math.max(...faces.map((f) => f.box.x + f.box.width))).toBeGreaterThan(6500);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('an empty video file is refused with a message', async ({ page }) => {
  await page.goto('/?backend=wasm&autostart=0');
  await page.getByTestId('file-input').setInputFiles({ name: 'empty.mp4', mimeType: 'video/mp4', buffer: Buffer.alloc(0) });
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'bad-file');
  await expect(page.getByTestId('error')).toContainText('empty.mp4 is empty');
  await expect(page.getByTestId('status')).not.toHaveAttribute('data-state', 'error');
});

test('an undecodable video is refused with a message and the camera keeps running', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await waitForFaces(page, 3);
  const junk = Buffer.alloc(64 * 1024);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 2654435761) >>> 24;
  await page.getByTestId('file-input').setInputFiles({ name: 'broken.webm', mimeType: 'video/webm', buffer: junk });
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'bad-file');
  await expect(page.getByTestId('error')).toContainText('could not be played');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  const frame = await page.evaluate(() => window.emotionApp.getLatest()!.frame);
  await expect.poll(() => page.evaluate(() => window.emotionApp.getLatest()?.frame ?? -1)).toBeGreaterThan(frame);
});

test('a photo without a face says "No face found" and reports no faces', async ({ page }) => {
  const img = createImage(640, 480);
  for (let y = 0; y < 480; y++) {
    for (let x = 0; x < 640; x++) {
      const i = (y * 640 + x) * 4;
      img.data[i] = (x * 255) / 640;
      img.data[i + 1] = (y * 255) / 480;
      img.data[i + 2] = 128;
      img.data[i + 3] = 255;
    }
  }
  await page.goto('/?backend=wasm&autostart=0');
  await page.getByTestId('file-input').setInputFiles({ name: 'wall.png', mimeType: 'image/png', buffer: png(img) });
  await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'image');
  await expect(page.getByText('No face found')).toBeVisible();
  expect(await page.evaluate(() => window.emotionApp.getLatest()?.faces)).toEqual([]);
  await expect(page.getByTestId('face-result')).toHaveCount(0);
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
});

test.describe('crowds', () => {
  test('50 faces: no crash, at most the configured maximum, valid results', async ({ page }) => {
    const grid = await faceGrid(50, 1920, 1920);
    await page.goto('/?backend=wasm&autostart=0');
    await page.getByTestId('file-input').setInputFiles({ name: 'crowd-50.png', mimeType: 'image/png', buffer: png(grid) });
    await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'image');
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
    await expect.poll(() => page.evaluate(() => window.emotionApp.getLatest() !== null)).toBe(true);
    const faces = await latestFaces(page);
    // 50 faces of 270 px in a 1920 px photo are small for the short-range detector; far faces
    // (auto, the whole photo searched at once) find them, never more than the maximum.
    expect(faces.length).toBeGreaterThan(10);
    expect(faces.length).toBeLessThanOrEqual(MAX_FACES);
    expectValidResults(faces, 1920, 1920);
    await expect(page.getByTestId('face-result')).toHaveCount(faces.length);
    await expect(page.getByTestId('error')).toHaveCount(0);
  });

  test('12 faces with max faces set to 10: exactly the configured maximum, valid results', async ({ page }) => {
    const grid = await faceGrid(12, 1920, 1440);
    await page.goto('/?backend=wasm&autostart=0');
    await page.getByTestId('max-faces').fill('10');
    await page.getByTestId('file-input').setInputFiles({ name: 'crowd-12.png', mimeType: 'image/png', buffer: png(grid) });
    const faces = await waitForFaces(page, 10);
    expectValidResults(faces, 1920, 1440);
    await expect(page.getByTestId('face-result')).toHaveCount(10);
  });
});
