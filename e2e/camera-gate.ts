// Holds the camera prompt open: getUserMedia waits until the test allows it, so "during start-up"
// is a window the test controls.
import type { Page } from '@playwright/test';

/** Holds every getUserMedia call until window.__allowCamera() runs (a user still reading the prompt). */
export async function holdCameraPrompt(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const md = navigator.mediaDevices;
    const original = md.getUserMedia.bind(md);
    let allow: () => void = () => undefined;
    const gate = new Promise<void>((r) => (allow = r));
    (window as unknown as { __allowCamera: () => void }).__allowCamera = allow;
    md.getUserMedia = (c?: MediaStreamConstraints) => gate.then(() => original(c));
  });
}
export const allowCamera = (page: Page) => page.evaluate(() => (window as unknown as { __allowCamera: () => void }).__allowCamera());
