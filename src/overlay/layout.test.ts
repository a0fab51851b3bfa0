import { describe, expect, it } from 'vitest';
import type { Box } from '../detection/types';
import { labelDetail, placeLabels, type LabelRequest } from './layout';

const overlaps = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
const inside = (r: Box, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.width <= w && r.y + r.height <= h;

describe('placeLabels', () => {
  it('puts a lone label just below its face', () => {
    const [r] = placeLabels([{ box: { x: 100, y: 100, width: 80, height: 80 }, width: 120, height: 30 }], 640, 480);
    expect(r).toEqual({ x: 100, y: 183, width: 120, height: 30 });
  });

  it('moves above when there is no room below, and stays in the frame', () => {
    const [r] = placeLabels([{ box: { x: 590, y: 400, width: 60, height: 70 }, width: 120, height: 40 }], 640, 480);
    expect(inside(r, 640, 480)).toBe(true);
    expect(r.y + r.height).toBeLessThanOrEqual(400);
  });

  it('keeps labels of a tight row of faces apart and off every face', () => {
    // Ten faces side by side, two rows, labels wider than the faces.
    const reqs: LabelRequest[] = [];
    for (let row = 0; row < 2; row++) {
      for (let i = 0; i < 10; i++) reqs.push({ box: { x: 20 + i * 60, y: 80 + row * 200, width: 50, height: 50 }, width: 90, height: 22 });
    }
    const placed = placeLabels(reqs, 640, 480);
    for (let i = 0; i < placed.length; i++) {
      expect(inside(placed[i], 640, 480)).toBe(true);
      for (const r of reqs) expect(overlaps(placed[i], r.box), `label ${i} on a face`).toBe(false);
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i], placed[j]), `labels ${i} and ${j}`).toBe(false);
    }
  });

  it('still returns one in-frame spot per face when they cannot all fit', () => {
    const reqs = Array.from({ length: 30 }, (_, i) => ({ box: { x: (i % 6) * 50, y: Math.floor(i / 6) * 40, width: 45, height: 38 }, width: 200, height: 60 }));
    const placed = placeLabels(reqs, 300, 200);
    expect(placed).toHaveLength(30);
    for (const r of placed) expect(inside(r, 300, 200)).toBe(true);
  });
});

describe('labelDetail', () => {
  it('shows less for small faces and crowds, judged by on-screen size', () => {
    expect(labelDetail(200, 3)).toBe('full');
    expect(labelDetail(200, 12)).toBe('top3');
    expect(labelDetail(100, 3)).toBe('top3');
    expect(labelDetail(40, 1)).toBe('compact');
    expect(labelDetail(200, 30)).toBe('compact');
    // Bigger presentation text needs bigger faces for the same detail.
    expect(labelDetail(200, 3, 1.6)).toBe('top3');
  });
});
