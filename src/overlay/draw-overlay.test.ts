import { describe, expect, it } from 'vitest';
import type { FaceResult, FrameResult } from '../pipeline/types';
import { drawOverlay } from './draw-overlay';

/** A 2D context that records the text drawn; measureText counts 0.6 em per character. */
function fakeContext(width: number, height: number) {
  const texts: string[] = [];
  /** Font size of each text drawn, canvas pixels. */
  const sizes: number[] = [];
  /** Every filled rectangle with its colour. */
  const fills: { x: number; y: number; width: number; height: number; color: string }[] = [];
  let fontPx = 10;
  const ctx = {
    canvas: { width, height },
    set font(f: string) {
      fontPx = Number(/([\d.]+)px/.exec(f)![1]);
    },
    get font() {
      return `${fontPx}px`;
    },
    measureText: (t: string) => ({ width: t.length * fontPx * 0.6 }),
    fillText: (t: string) => void (texts.push(t), sizes.push(fontPx)),
    clearRect() {},
    fillRect(x: number, y: number, width: number, height: number) {
      fills.push({ x, y, width, height, color: this.fillStyle });
    },
    strokeRect() {},
    lines: [] as number[][],
    beginPath() {},
    moveTo(x: number, y: number) {
      this.lines.push([x, y]);
    },
    lineTo(x: number, y: number) {
      this.lines[this.lines.length - 1].push(x, y);
    },
    stroke() {},
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, sizes, fills, lines: ctx.lines };
}

const LABELS = ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'];
const face = (id: number, x: number, emotion: string, score: number): FaceResult => ({
  id,
  box: { x, y: 100, width: 120, height: 120 },
  emotion,
  score,
  probs: Object.fromEntries(LABELS.map((l) => [l, l === emotion ? score : (1 - score) / 6])),
});
const frame = (faces: FaceResult[]): FrameResult => ({ frame: 1, width: 960, height: 540, faces }) as unknown as FrameResult;

describe('drawOverlay', () => {
  it('numbers faces left to right and reports where each box and label went', () => {
    const { ctx, texts } = fakeContext(960, 540);
    const layout = drawOverlay(ctx, frame([face(4, 600, 'sad', 0.6), face(9, 100, 'happy', 0.71)]), { mirror: false, labels: LABELS });
    expect(layout.faces.map((f) => [f.id, f.number])).toEqual([[4, 2], [9, 1]]);
    expect(texts).toContain('1 · happy 71%');
    expect(texts).toContain('2 · sad 60%');
    expect(layout.faces.every((f) => f.clear)).toBe(true);
  });

  it('reverses the numbers when the view is mirrored', () => {
    const { ctx } = fakeContext(960, 540);
    const layout = drawOverlay(ctx, frame([face(4, 600, 'sad', 0.6), face(9, 100, 'happy', 0.71)]), { mirror: true, labels: LABELS });
    expect(layout.faces.map((f) => [f.id, f.number])).toEqual([[4, 1], [9, 2]]);
    // Mirrored boxes: face 9 (x 100..220) is drawn at 960 − 220.
    expect(layout.faces[1].box.x).toBe(740);
  });

  it('labels show the shown (published) frame’s values, boxes the drawn frame’s position', () => {
    const { ctx, texts } = fakeContext(960, 540);
    const drawn = [face(9, 130, 'happy', 0.61)];
    const shown = [face(9, 100, 'happy', 0.59)];
    const layout = drawOverlay(ctx, frame(drawn), { mirror: false, labels: LABELS, shown });
    expect(texts).toContain('1 · happy 59%');
    expect(layout.faces[0]).toMatchObject({ number: 1, score: 0.59, box: { x: 130 } });
  });

  it('keeps every text on the picture at least 12 CSS px however small the picture is shown', () => {
    for (const displayScale of [0.2, 0.45, 1]) {
      const { ctx, texts, sizes } = fakeContext(1920, 1080);
      drawOverlay(ctx, frame([face(1, 100, 'happy', 0.7), face(2, 900, 'sad', 0.5)]), { mirror: false, labels: LABELS, displayScale });
      expect(texts.length).toBeGreaterThan(2);
      for (const px of sizes) expect(px * displayScale).toBeGreaterThanOrEqual(12);
    }
  });

  it('in a crowd too tight for labels, a face with no free spot gets only its number, never a label over another face', () => {
    // A 6×3 grid of small faces packed so tightly that most labels cannot find a free spot.
    const faces: FaceResult[] = [];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 6; c++) faces.push({ ...face(r * 6 + c + 1, 20 + c * 60, 'happy', 0.9), box: { x: 20 + c * 60, y: 20 + r * 60, width: 50, height: 50 } });
    const { ctx, texts } = fakeContext(380, 200);
    const layout = drawOverlay(ctx, { frame: 1, width: 380, height: 200, faces } as unknown as FrameResult, { mirror: false, labels: LABELS, displayScale: 1 });
    const hidden = layout.faces.filter((f) => !f.clear);
    expect(hidden.length).toBeGreaterThan(0);
    for (const f of layout.faces) {
      if (!f.clear) {
        expect(f.detail).toBe('number');
        expect(texts.some((t) => t.startsWith(`${f.number} · `))).toBe(false);
        expect(texts).toContain(String(f.number));
      }
      for (const o of layout.faces) if (o !== f && f.detail !== 'number') expect(overlap(f.label, o.box)).toBe(false);
    }
  });

  it('puts a small face’s number above its box, not over the face, and keeps labels off it', () => {
    const small = { ...face(1, 300, 'sad', 0.6), box: { x: 300, y: 200, width: 40, height: 40 } };
    const { ctx, fills } = fakeContext(960, 540);
    const layout = drawOverlay(ctx, frame([small]), { mirror: false, labels: LABELS, displayScale: 1 });
    const f = layout.faces[0];
    const tabBottom = 200; // the tab ends where the box begins
    // The number's tab, in the face's colour at the box's left edge, ends where the box begins.
    const tab = fills.filter((r) => r.color === '#3e63dd' && r.x === 300 && r.width > 3);
    expect(tab).toHaveLength(1);
    expect(tab[0].y + tab[0].height).toBeCloseTo(tabBottom, 5);
    expect(f.clear).toBe(true);
    // The label sits below the box or above the tab, never across the tab (12 px × 1.5 tall).
    expect(f.label.y >= 240 || f.label.y + f.label.height <= tabBottom - 18).toBe(true);
  });

  it('ties a label placed away from its face to the face with a line; a label next to its face gets none', () => {
    // A tight row of six faces: their labels are wider than a face, so some stack a row further out.
    const { ctx, lines } = fakeContext(960, 540);
    const near = drawOverlay(ctx, frame([face(1, 100, 'happy', 0.7)]), { mirror: false, labels: LABELS, displayScale: 1 });
    expect(near.faces[0].clear).toBe(true);
    expect(lines).toHaveLength(0);
    const crowd = fakeContext(400, 300);
    const faces: FaceResult[] = [0, 1, 2, 3, 4, 5].map((k) => ({ ...face(k + 1, 0, 'sad', 0.6), box: { x: 10 + k * 63, y: 120, width: 55, height: 55 } }));
    const layout = drawOverlay(crowd.ctx, { frame: 1, width: 400, height: 300, faces } as unknown as FrameResult, { mirror: false, labels: LABELS, displayScale: 1 });
    const away = layout.faces.filter((f) => f.clear && (f.label.y > f.box.y + f.box.height + 20 || f.label.y + f.label.height < f.box.y - 30));
    expect(away.length).toBeGreaterThan(0);
    expect(crowd.lines.length).toBe(away.length); // one path each (stroked in black, then in colour)
    for (const f of away) {
      // It ends at the face: on the box's bottom edge, or on the top of the number tab above it.
      const end = crowd.lines.find((l) => l[2] >= f.box.x && l[2] <= f.box.x + f.box.width && (l[3] === f.box.y + f.box.height || (l[3] < f.box.y && l[3] >= f.box.y - 20)));
      expect(end, `a line reaches face ${f.number}`).toBeTruthy();
    }
  });
});

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);
}
