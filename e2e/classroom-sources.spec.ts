// No camera in the room: the demo clip stands in, offered by the error; and a video file
// (recorded in the page from a bundled photo, so nothing binary is committed) is analysed.
import { test, expect, latestFaces } from './fixtures';
import { chromiumPath, fakeCameraArgs, FIXTURE_PATHS } from './browser';

test.use({ launchOptions: { executablePath: chromiumPath(), args: fakeCameraArgs(FIXTURE_PATHS.threeFaces, false) } });

test('with the camera denied, "Play the demo instead" runs the demo clip through the same loop', async ({ page }) => {
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('error')).toHaveAttribute('data-code', 'camera-denied');
  await page.getByTestId('play-demo').click();
  await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'demo');
  await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect.poll(() => latestFaces(page).then((f) => f.length), { timeout: 60_000 }).toBeGreaterThan(0);
  const frame = await page.evaluate(() => window.emotionApp.getLatest()!.frame);
  await expect.poll(() => page.evaluate(() => window.emotionApp.getLatest()!.frame)).toBeGreaterThan(frame + 3);
});

test('a video file chosen with the file picker is analysed frame by frame', async ({ page }) => {
  await page.goto('/?backend=wasm&autostart=0');
  // A 3 s WebM of sample1 (three faces) made in the page with MediaRecorder.
  const bytes = await page.evaluate(async () => {
    const img = new Image();
    img.src = '/demo/sample1.jpg';
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 640;
    c.height = 480;
    const ctx = c.getContext('2d')!;
    const draw = () => {
      ctx.fillStyle = '#808080';
      ctx.fillRect(0, 0, 640, 480);
      ctx.drawImage(img, 0, 27, 640, 427);
    };
    draw();
    const rec = new MediaRecorder(c.captureStream(15), { mimeType: 'video/webm' });
    const parts: Blob[] = [];
    rec.ondataavailable = (e) => parts.push(e.data);
    const done = new Promise((r) => (rec.onstop = r));
    const timer = setInterval(draw, 66);
    rec.start();
    await new Promise((r) => setTimeout(r, 3000));
    rec.stop();
    await done;
    clearInterval(timer);
    return Array.from(new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer()));
  });
  expect(bytes.length).toBeGreaterThan(1000);
  await page.getByTestId('file-input').setInputFiles({ name: 'class.webm', mimeType: 'video/webm', buffer: Buffer.from(bytes) });
  await expect(page.getByTestId('stage')).toHaveAttribute('data-source', 'video');
  await expect.poll(() => latestFaces(page).then((f) => f.length), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const faces = await latestFaces(page);
  // Boxes are in the video's own 640×480 pixels.
  for (const f of faces) expect(f.box.x + f.box.width).toBeLessThanOrEqual(641);
  const frame = await page.evaluate(() => window.emotionApp.getLatest()!.frame);
  await expect.poll(() => page.evaluate(() => window.emotionApp.getLatest()!.frame)).toBeGreaterThan(frame);
});
