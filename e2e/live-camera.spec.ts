// The live webcam path end to end, on the production build, with a y4m fixture as the camera:
// sample1 of @vladmandic/face-api (three faces, letterboxed into 640×480).
import { test, expect, latestFaces, waitForFaces } from './fixtures';

// Face centres in the 640×480 fixture, hand-checked against the photo (1920×1280 scaled by 1/3,
// 26.7 px of padding above): left woman, middle woman (broad smile), right woman.
const FACE_CENTRES = [
  { x: 166, y: 188 },
  { x: 314, y: 215 },
  { x: 540, y: 128 },
];
const SMILING = FACE_CENTRES[1];
const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];

const contains = (b: { x: number; y: number; width: number; height: number }, p: { x: number; y: number }) =>
  p.x >= b.x && p.x <= b.x + b.width && p.y >= b.y && p.y <= b.y + b.height;

test.describe('live camera', () => {
  test('labels every face of the fixture with a box, an emotion and seven probabilities', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');

    const faces = await waitForFaces(page, 3);
    // One box on each face, and no box elsewhere.
    for (const c of FACE_CENTRES) {
      expect(faces.filter((f) => contains(f.box, c)), `a box around (${c.x}, ${c.y})`).toHaveLength(1);
    }
    for (const f of faces) {
      expect(f.box.width).toBeGreaterThan(40);
      expect(f.box.width).toBeLessThan(200);
      const sum = Object.values(f.probs).reduce((a, b) => a + b, 0);
      expect(sum).toBeGreaterThan(0.99);
      expect(sum).toBeLessThan(1.01);
      expect(Object.keys(f.probs)).toEqual(LABELS);
    }
    const smiling = faces.find((f) => contains(f.box, SMILING))!;
    expect(smiling.emotion).toBe('happy');

    // The DOM contract mirrors the same results.
    const cards = page.getByTestId('face-result');
    await expect(cards).toHaveCount(3);
    for (const card of await cards.all()) {
      const emotion = await card.getAttribute('data-emotion');
      const score = Number(await card.getAttribute('data-score'));
      expect(LABELS.concat('uncertain')).toContain(emotion);
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
      let sum = 0;
      for (const label of LABELS) sum += Number(await card.getByTestId(`prob-${label}`).getAttribute('data-value'));
      expect(Math.abs(sum - 1)).toBeLessThan(0.01);
      expect(Number(await card.getAttribute('data-face-id'))).toBeGreaterThan(0);
    }
    // The smiling face's card says happy (the card itself carries data-emotion).
    await expect(page.locator(`[data-testid="face-result"][data-face-id="${smiling.id}"]`)).toHaveAttribute('data-emotion', 'happy');
  });

  test('keeps face ids and the tensor count steady while running', async ({ page }) => {
    // A forced level: under auto the start level's other model loads in the background after the
    // first labels (its weights are new tensors, not a leak), which would make the count move.
    await page.goto('/?backend=wasm&quality=fast');
    const first = await waitForFaces(page, 3);
    const tensorsBefore = await page.evaluate(() => window.emotionApp.tensorCount());
    const frameBefore = await page.evaluate(() => window.emotionApp.getLatest()!.frame);
    await expect.poll(() => page.evaluate(() => window.emotionApp.getLatest()!.frame), { timeout: 30_000 }).toBeGreaterThan(frameBefore + 10);
    const later = await latestFaces(page);
    expect(later.map((f) => f.id).sort()).toEqual(first.map((f) => f.id).sort());
    expect(await page.evaluate(() => window.emotionApp.tensorCount())).toBe(tensorsBefore);
    // Live stats are shown.
    await expect(page.getByTestId('stats')).toContainText('ms/frame');
  });

  test('mirror toggle mirrors the video, stop and start work', async ({ page }) => {
    await page.goto('/?backend=wasm');
    await waitForFaces(page, 3);
    const video = page.locator('video');
    await expect(video).toHaveClass(/mirrored/);
    await page.getByTestId('mirror').uncheck();
    await expect(video).not.toHaveClass(/mirrored/);
    // Boxes stay in video pixels whatever the view: the API is unaffected by mirroring.
    const faces = await latestFaces(page);
    expect(faces.some((f) => contains(f.box, SMILING))).toBe(true);

    await page.getByTestId('start-stop').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('face-result')).toHaveCount(0);
    await page.getByTestId('start-stop').click();
    await expect(page.getByTestId('status')).toHaveAttribute('data-state', 'running');
    await waitForFaces(page, 3);
    await expect(page.getByTestId('camera-select')).toBeEnabled();

    // The "uncertain" threshold applies live: at 6.3× chance (90 % for 7 classes) no face of this photo is that sure.
    await page.getByTestId('setting-uncertain').fill('6.3');
    await expect.poll(async () => (await latestFaces(page)).filter((f) => f.emotion === 'uncertain').length).toBeGreaterThan(0);
    await page.getByTestId('setting-uncertain').fill('0');
    await expect.poll(async () => (await latestFaces(page)).filter((f) => f.emotion === 'uncertain').length).toBe(0);
  });
});
