// Presentation mode at 1920×1080: the class mood panel reads from the back row (text scaled with
// the screen), its timeline has a legend and a time axis, and its bars, headline and screen-reader
// summary say the same thing (one reading of the class feeds all three).
import { test, expect, waitForFaces } from './fixtures';

test('presentation mode: mood counts, headline and live region agree; text is big enough for the back row', async ({ page }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?backend=wasm&mode=classroom');
  await waitForFaces(page, 3);
  const announcer = page.getByTestId('announcer');
  await expect(announcer).toContainText('Class mood: mostly');

  const read = () =>
    page.evaluate(() => {
      const q = (id: string) => document.querySelector(`[data-testid="${id}"]`)!;
      const counts = Object.fromEntries(
        [...document.querySelectorAll('[data-testid^="mood-count-"]')].map((li) => [li.getAttribute('data-testid')!.slice('mood-count-'.length), Number(li.getAttribute('data-value'))]),
      );
      return {
        faces: Number(q('mood-faces').getAttribute('data-value')),
        dominant: q('mood-faces').getAttribute('data-dominant')!,
        headline: q('mood-faces').textContent!.trim(),
        live: q('announcer').textContent!.trim(),
        counts,
      };
    });
  // Frames keep coming: take a moment where the live region has spoken about the panel's reading.
  let r = await read();
  await expect
    .poll(async () => {
      r = await read();
      return r.live === `Class mood: mostly ${r.dominant}, ${r.counts[r.dominant]} of ${r.faces} faces.`;
    }, { timeout: 20_000 })
    .toBe(true);
  expect(r.faces).toBe(3);
  expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(r.faces);
  expect(r.headline).toBe(`${r.faces} faces · mostly ${r.dominant}`);
  for (const [label, n] of Object.entries(r.counts)) if (label !== 'uncertain') expect(n).toBeLessThanOrEqual(r.counts[r.dominant]);

  // Back-row sizes at 1080p: rows, headline and legend at least ~24 px.
  const px = (sel: string) => page.locator(sel).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  expect(await px('[data-testid^="mood-count-"]')).toBeGreaterThanOrEqual(24);
  expect(await px('[data-testid="mood-faces"]')).toBeGreaterThanOrEqual(24);
  expect(await px('[data-testid="mood-legend"]')).toBeGreaterThanOrEqual(20);
  await expect(page.getByTestId('mood-legend').locator('li')).toHaveCount(8);

  // The timeline draws a time axis ("now" at the newest second) once seconds are recorded.
  await expect.poll(() => page.getByTestId('mood-seconds').getAttribute('data-value').then(Number), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
  await page.screenshot({ path: test.info().outputPath('presentation-1080p.png') });
});
