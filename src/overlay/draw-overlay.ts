// Draws boxes, labels and probability bars on the overlay canvas, once per processed frame,
// without going through React. The canvas has the video's pixel size; CSS scales both alike.
import { mirrorBox } from '../crop/crop-box';
import type { FrameResult } from '../pipeline/types';
import { labelColor } from './colors';

export interface OverlayOptions {
  mirror: boolean;
  labels: string[];
}

export function drawOverlay(ctx: CanvasRenderingContext2D, result: FrameResult, opts: OverlayOptions): void {
  const { canvas } = ctx;
  if (canvas.width !== result.width || canvas.height !== result.height) {
    canvas.width = result.width;
    canvas.height = result.height;
  }
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (const face of result.faces) {
    const box = opts.mirror ? mirrorBox(face.box, result.width) : face.box;
    // Text scales with the face but stays readable on small faces.
    const font = Math.max(12, Math.min(32, box.width / 9));
    const color = labelColor(face.emotion, opts.labels.indexOf(face.emotion));

    ctx.lineWidth = Math.max(2, font / 6);
    ctx.strokeStyle = color;
    ctx.strokeRect(box.x, box.y, box.width, box.height);

    // Top label above the box.
    const title = `${face.emotion} ${Math.round(face.score * 100)}%`;
    ctx.font = `600 ${font}px system-ui, sans-serif`;
    const tw = ctx.measureText(title).width + font * 0.6;
    const ty = Math.max(0, box.y - font * 1.4);
    ctx.fillStyle = 'rgba(0,0,0,0.75)';
    ctx.fillRect(box.x, ty, tw, font * 1.4);
    ctx.fillStyle = color;
    ctx.fillText(title, box.x + font * 0.3, ty + font * 1.05);

    // Bars for every class below the box.
    const barFont = Math.max(10, font * 0.6);
    const rowH = barFont * 1.35;
    const panelW = Math.max(box.width, barFont * 12);
    const py = Math.min(box.y + box.height + 4, result.height - rowH * opts.labels.length);
    ctx.fillStyle = 'rgba(0,0,0,0.6)';
    ctx.fillRect(box.x, py, panelW, rowH * opts.labels.length);
    ctx.font = `${barFont}px system-ui, sans-serif`;
    const nameW = barFont * 5;
    opts.labels.forEach((label, i) => {
      const p = face.probs[label] ?? 0;
      const y = py + i * rowH;
      ctx.fillStyle = '#fff';
      ctx.fillText(label, box.x + 3, y + barFont);
      ctx.fillStyle = labelColor(label, i);
      ctx.fillRect(box.x + nameW, y + rowH * 0.2, (panelW - nameW - 4) * p, rowH * 0.6);
    });
  }
}
