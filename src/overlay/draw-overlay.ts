// Draws boxes, labels and probability bars on the overlay canvas, once per processed frame,
// without going through React. The canvas has the video's pixel size; CSS scales both alike.
import { mirrorBox } from '../crop/crop-box';
import type { Box } from '../detection/types';
import type { FaceResult, FrameResult } from '../pipeline/types';
import { labelColor } from './colors';
import { labelDetail, placeLabels, type LabelDetail } from './layout';

export interface OverlayOptions {
  mirror: boolean;
  labels: string[];
  /** On-screen CSS pixels per canvas pixel, so text is sized for what the viewer sees. Default 1. */
  displayScale?: number;
  /** Text size multiplier (presentation mode reads from the back of a room). Default 1. */
  textScale?: number;
  /** High contrast: opaque label backgrounds, white text, outlined boxes. */
  contrast?: boolean;
}

/** Smallest and largest label text on screen, in CSS pixels, before textScale. */
const MIN_TEXT_CSS = 13;
const MAX_TEXT_CSS = 30;

interface Block {
  face: FaceResult;
  box: Box;
  color: string;
  font: number;
  barFont: number;
  detail: LabelDetail;
  rows: [string, number, number][];
  title: string;
  width: number;
  height: number;
}

export function drawOverlay(ctx: CanvasRenderingContext2D, result: FrameResult, opts: OverlayOptions): void {
  const { canvas } = ctx;
  if (canvas.width !== result.width || canvas.height !== result.height) {
    canvas.width = result.width;
    canvas.height = result.height;
  }
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const scale = opts.displayScale && opts.displayScale > 0 ? opts.displayScale : 1;
  const textScale = opts.textScale ?? 1;
  const n = result.faces.length;

  const blocks: Block[] = result.faces.map((face) => {
    const box = opts.mirror ? mirrorBox(face.box, result.width) : face.box;
    // Text grows with the face, within limits set in on-screen pixels so it stays legible.
    const minPx = (MIN_TEXT_CSS * textScale) / scale;
    const maxPx = (MAX_TEXT_CSS * textScale) / scale;
    const font = Math.max(minPx, Math.min(maxPx, box.width / 7));
    const barFont = font * 0.72;
    const detail = labelDetail(box.width * scale, n, textScale);
    const rows = barRows(face, opts.labels, detail);
    const title = `${face.emotion} ${Math.round(face.score * 100)}%`;
    ctx.font = `700 ${font}px system-ui, sans-serif`;
    const titleW = ctx.measureText(title).width + font * 0.6;
    const rowH = barFont * 1.35;
    const width = Math.max(titleW, detail === 'compact' ? 0 : barFont * 11);
    const height = font * 1.4 + (detail === 'compact' ? font * 0.3 : rows.length * rowH + barFont * 0.3);
    return { face, box, color: labelColor(face.emotion, opts.labels.indexOf(face.emotion)), font, barFont, detail, rows, title, width, height };
  });

  // Boxes first, so no box is drawn over another face's label.
  for (const b of blocks) {
    const lw = Math.max(2, b.font / 7);
    if (opts.contrast) {
      ctx.lineWidth = lw + 4 / scale;
      ctx.strokeStyle = '#000';
      ctx.strokeRect(b.box.x, b.box.y, b.box.width, b.box.height);
    }
    ctx.lineWidth = lw;
    ctx.strokeStyle = b.color;
    ctx.strokeRect(b.box.x, b.box.y, b.box.width, b.box.height);
  }

  const spots = placeLabels(blocks, result.width, result.height);
  blocks.forEach((b, i) => drawBlock(ctx, b, spots[i], opts, scale));
}

function barRows(face: FaceResult, labels: string[], detail: LabelDetail): [string, number, number][] {
  const rows = labels.map((l, i): [string, number, number] => [l, face.probs[l] ?? 0, i]);
  if (detail === 'full') return rows;
  if (detail === 'top3') return rows.sort((a, b) => b[1] - a[1]).slice(0, 3);
  return [];
}

function drawBlock(ctx: CanvasRenderingContext2D, b: Block, at: Box, opts: OverlayOptions, scale: number): void {
  const { font, barFont } = b;
  ctx.fillStyle = opts.contrast ? '#000' : 'rgba(0,0,0,0.72)';
  ctx.fillRect(at.x, at.y, at.width, at.height);
  // A stripe in the face's colour ties the label to its box (the text names the emotion).
  ctx.fillStyle = b.color;
  ctx.fillRect(at.x, at.y, Math.max(3, 3 / scale), at.height);
  if (opts.contrast) {
    ctx.lineWidth = Math.max(1, 1.5 / scale);
    ctx.strokeStyle = '#fff';
    ctx.strokeRect(at.x, at.y, at.width, at.height);
  }

  ctx.font = `700 ${font}px system-ui, sans-serif`;
  ctx.fillStyle = opts.contrast ? '#fff' : b.color;
  ctx.fillText(b.title, at.x + font * 0.3, at.y + font * 1.1);

  const x0 = at.x + font * 0.3;
  const inner = at.width - font * 0.6;
  if (b.detail === 'compact') {
    // One bar: how sure the shown label is.
    ctx.fillStyle = b.color;
    ctx.fillRect(x0, at.y + font * 1.35, inner * b.face.score, font * 0.2);
    return;
  }
  const rowH = barFont * 1.35;
  const nameW = barFont * 5;
  ctx.font = `${barFont}px system-ui, sans-serif`;
  b.rows.forEach(([label, p, i], k) => {
    const y = at.y + font * 1.4 + k * rowH;
    ctx.fillStyle = '#fff';
    ctx.fillText(label, x0, y + barFont);
    ctx.fillStyle = opts.contrast ? '#333' : 'rgba(255,255,255,0.12)';
    ctx.fillRect(x0 + nameW, y + rowH * 0.2, inner - nameW, rowH * 0.6);
    ctx.fillStyle = labelColor(label, i);
    ctx.fillRect(x0 + nameW, y + rowH * 0.2, (inner - nameW) * p, rowH * 0.6);
  });
}

/** CSS pixels per canvas pixel for a canvas shown with object-fit: contain. */
export function containScale(canvas: HTMLCanvasElement): number {
  if (!canvas.width || !canvas.height || !canvas.clientWidth) return 1;
  return Math.min(canvas.clientWidth / canvas.width, canvas.clientHeight / canvas.height);
}
