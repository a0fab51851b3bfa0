import { describe, expect, it } from 'vitest';
import type { FaceResult, FrameResult } from '../pipeline/types';
import { drawOverlay } from './draw-overlay';

/** A 2D context that records the text drawn; measureText counts 0.6 em per character. */
function fakeContext(width: number, height: number) {
  const texts: string[] = [];
  /** Font size of each text drawn, canvas pixels. */
  const sizes: number[] = [];
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
    fillRect() {},
    strokeRect() {},
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, texts, sizes };
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
});
