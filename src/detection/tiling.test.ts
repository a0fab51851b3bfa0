import { describe, expect, it } from 'vitest';
import { mergeDetections, tileGrid } from './tiling';

describe('tileGrid', () => {
  it('is the whole frame when the frame is no bigger than a tile', () => {
    expect(tileGrid(480, 360)).toEqual([{ x: 0, y: 0, width: 480, height: 360 }]);
  });

  it('covers a 1280×720 frame with 3×2 overlapping tiles', () => {
    const tiles = tileGrid(1280, 720);
    expect(tiles).toHaveLength(6);
    // Every pixel row and column is covered, tiles stay inside, neighbours overlap.
    for (const t of tiles) {
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.y).toBeGreaterThanOrEqual(0);
      expect(t.x + t.width).toBeLessThanOrEqual(1280);
      expect(t.y + t.height).toBeLessThanOrEqual(720);
    }
    expect(Math.max(...tiles.map((t) => t.x + t.width))).toBe(1280);
    expect(Math.max(...tiles.map((t) => t.y + t.height))).toBe(720);
    const row = tiles.filter((t) => t.y === 0).sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++) expect(row[i].x).toBeLessThan(row[i - 1].x + row[i - 1].width);
  });

  it('uses more tiles for bigger frames', () => {
    expect(tileGrid(1920, 1080).length).toBeGreaterThan(tileGrid(1280, 720).length);
    expect(tileGrid(640, 480)).toHaveLength(2);
  });
});

describe('mergeDetections', () => {
  const f = (x: number, y: number, w: number, h = w) => ({ box: { x, y, width: w, height: h } });

  it('keeps a face seen by two tiles once, as its biggest box', () => {
    const out = mergeDetections([f(100, 100, 40), f(102, 101, 44), f(300, 100, 40)], 10);
    expect(out.map((o) => o.box.x).sort((a, b) => a - b)).toEqual([102, 300]);
  });

  it('drops a face cut by a tile edge in favour of the whole face', () => {
    const whole = f(500, 200, 60);
    const cut = f(500, 200, 25, 60); // left part only
    expect(mergeDetections([cut, whole], 10)).toEqual([whole]);
  });

  it('keeps close but distinct faces, up to maxFaces, biggest first', () => {
    const faces = Array.from({ length: 40 }, (_, i) => f((i % 10) * 50, Math.floor(i / 10) * 50, 30 + i * 0.2));
    expect(mergeDetections(faces, 100)).toHaveLength(40);
    const top = mergeDetections(faces, 30);
    expect(top).toHaveLength(30);
    expect(Math.min(...top.map((t) => t.box.width))).toBeCloseTo(32); // faces 10..39
  });
});
