import { describe, expect, it } from 'vitest';
import type { Box } from '../detection/types';
import { labelDetail, placeLabels, type LabelRequest, type LabelSize } from './layout';

const overlaps = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
const inside = (r: Box, w: number, h: number) => r.x >= 0 && r.y >= 0 && r.x + r.width <= w && r.y + r.height <= h;
const one = (width: number, height: number): LabelSize[] => [{ width, height }];
/** Full (seven bars), top three, headline and its bar. */
const threeSizes = (w: number): LabelSize[] => [
  { width: w, height: 150 },
  { width: w, height: 75 },
  { width: w * 0.8, height: 28 },
];

function expectNoLabelOnAnyFace(reqs: LabelRequest[], frameW: number, frameH: number) {
  const placed = placeLabels(reqs, frameW, frameH);
  placed.forEach((p, i) => {
    expect(inside(p.rect, frameW, frameH), `label ${i} in the frame`).toBe(true);
    expect(p.clear).toBe(true);
    reqs.forEach((r, j) => expect(overlaps(p.rect, r.box), `label ${i} on face ${j}`).toBe(false));
    placed.forEach((q, j) => expect(j === i || !overlaps(p.rect, q.rect), `labels ${i} and ${j}`).toBe(true));
  });
  return placed;
}

describe('placeLabels', () => {
  it('puts a lone label just below its face, at its full size', () => {
    const [p] = placeLabels([{ box: { x: 100, y: 100, width: 80, height: 80 }, sizes: one(120, 30) }], 640, 480);
    expect(p).toEqual({ rect: { x: 100, y: 183, width: 120, height: 30 }, size: 0, clear: true });
  });

  it('moves above when there is no room below, and stays in the frame', () => {
    const [p] = placeLabels([{ box: { x: 590, y: 400, width: 60, height: 70 }, sizes: one(120, 40) }], 640, 480);
    expect(inside(p.rect, 640, 480)).toBe(true);
    expect(p.rect.y + p.rect.height).toBeLessThanOrEqual(400);
  });

  it('goes to the side when a face sits below and another above', () => {
    const reqs: LabelRequest[] = [
      { box: { x: 200, y: 150, width: 100, height: 100 }, sizes: one(90, 60) },
      { box: { x: 180, y: 0, width: 140, height: 148 }, sizes: one(10, 10) },
      { box: { x: 180, y: 252, width: 140, height: 228 }, sizes: one(10, 10) },
    ];
    const placed = expectNoLabelOnAnyFace(reqs, 640, 480);
    expect(placed[0].rect.x).toBeGreaterThanOrEqual(300);
  });

  it('shrinks a label that only fits smaller, and keeps the full one where it fits', () => {
    // Two faces side by side, a row of faces 90 px below: seven bars fit under the short face only.
    const reqs: LabelRequest[] = [
      { box: { x: 20, y: 20, width: 150, height: 150 }, sizes: threeSizes(150) },
      { box: { x: 0, y: 260, width: 640, height: 220 }, sizes: one(10, 10) },
      { box: { x: 180, y: 20, width: 150, height: 60 }, sizes: threeSizes(150) },
    ];
    const placed = expectNoLabelOnAnyFace(reqs, 640, 480);
    expect(placed[0].size).toBeGreaterThan(0);
    expect(placed[2].size).toBe(0);
  });

  it('six faces in a group photo: every label free of every face', () => {
    // Two rows of three, close together: the layout that covered neighbours with seven-bar blocks.
    const reqs: LabelRequest[] = [];
    for (let row = 0; row < 2; row++) {
      for (let i = 0; i < 3; i++) reqs.push({ box: { x: 150 + i * 230, y: 120 + row * 330, width: 170, height: 170 }, sizes: threeSizes(180) });
    }
    expectNoLabelOnAnyFace(reqs, 960, 720);
  });

  it('keeps labels of a tight row of faces apart and off every face', () => {
    const reqs: LabelRequest[] = [];
    for (let row = 0; row < 2; row++) {
      for (let i = 0; i < 10; i++) reqs.push({ box: { x: 20 + i * 60, y: 80 + row * 200, width: 50, height: 50 }, sizes: one(90, 22) });
    }
    expectNoLabelOnAnyFace(reqs, 640, 480);
  });

  it('still returns one in-frame spot per face, at its smallest size, when they cannot all fit', () => {
    const reqs = Array.from({ length: 30 }, (_, i) => ({ box: { x: (i % 6) * 50, y: Math.floor(i / 6) * 40, width: 45, height: 38 }, sizes: threeSizes(200) }));
    const placed = placeLabels(reqs, 300, 200);
    expect(placed).toHaveLength(30);
    for (const p of placed) expect(inside(p.rect, 300, 200)).toBe(true);
    expect(placed.some((p) => !p.clear)).toBe(true);
    for (const p of placed.filter((q) => !q.clear)) expect(p.size).toBe(2);
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
