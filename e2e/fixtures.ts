// Test fixtures: every page is watched for console errors, uncaught exceptions and requests
// leaving the page's origin; a test fails on any of them unless it opts out.
import { test as base, expect, type Page } from '@playwright/test';

export interface PageWatch {
  errors: string[];
  offOrigin: string[];
  requests: string[];
  /** Console errors the test expects (e.g. a 404 it provoked). */
  allowErrors(pattern: RegExp): void;
}

export interface FaceSnapshot {
  id: number;
  box: { x: number; y: number; width: number; height: number };
  emotion: string;
  score: number;
  probs: Record<string, number>;
}

function isSameOrigin(url: string, origin: string): boolean {
  if (url.startsWith('data:')) return true; // inline data never leaves the page
  try {
    return new URL(url).origin === origin; // blob:http://host/… has the page's origin
  } catch {
    return false;
  }
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const allowed: RegExp[] = [];
      const w: PageWatch = { errors: [], offOrigin: [], requests: [], allowErrors: (p) => allowed.push(p) };
      page.on('console', (m) => {
        if (m.type() === 'error') w.errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => {
        w.requests.push(r.url());
        if (!isSameOrigin(r.url(), origin)) w.offOrigin.push(r.url());
      });
      await use(w);
      expect(w.offOrigin, 'requests that left the page origin').toEqual([]);
      expect(w.errors.filter((e) => !allowed.some((p) => p.test(e))), 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

export async function latestFaces(page: Page): Promise<FaceSnapshot[]> {
  return page.evaluate(() => window.emotionApp.getLatest()?.faces ?? []);
}

/** Waits until the app reports `n` faces on a processed frame. */
export async function waitForFaces(page: Page, n: number): Promise<FaceSnapshot[]> {
  await expect.poll(async () => (await latestFaces(page)).length, { timeout: 60_000 }).toBe(n);
  return latestFaces(page);
}
