import { afterEach, describe, expect, it } from 'vitest';
import { afterMark, markStartup, MARK_PREFIX } from './marks';

describe('afterMark', () => {
  afterEach(() => performance.clearMarks());

  it('resolves when the mark is made', async () => {
    let done = false;
    const p = afterMark('test-a', 10_000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(false);
    markStartup('test-a');
    await p;
    expect(done).toBe(true);
  });

  it('resolves at once when the mark was made before', async () => {
    performance.mark(`${MARK_PREFIX}test-b`);
    const t = performance.now();
    await afterMark('test-b', 10_000);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('resolves after the timeout when the mark never comes', async () => {
    const t = performance.now();
    await afterMark('test-never', 50);
    expect(performance.now() - t).toBeGreaterThanOrEqual(45);
  });

  it('waits thenMs more after the mark', async () => {
    markStartup('test-c');
    const t = performance.now();
    await afterMark('test-c', 10_000, 60);
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
  });
});
