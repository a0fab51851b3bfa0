// Draws boxes, labels and probability bars on the overlay canvas, once per processed frame,
// without going through React. The canvas has the video's pixel size; CSS scales both alike.
import { mirrorBox } from '../crop/crop-box';
import type { Box } from '../detection/types';
import type { FaceResult, FrameResult } from '../pipeline/types';
import { labelColor } from './colors';
import { DETAIL_LEVELS, labelDetail, placeLabels, type LabelDetail } from './layout';
import { faceNumbers } from './numbering';

export interface OverlayOptions {
  mirror: boolean;
  labels: string[];
  /** On-screen CSS pixels per canvas pixel, so text is sized for what the viewer sees. Default: measured on the canvas. */
  displayScale?: number;
  /** Text size multiplier (presentation mode reads from the back of a room). Default 1. */
  textScale?: number;
  /** High contrast: opaque label backgrounds, white text, outlined boxes. */
  contrast?: boolean;
  /**
   * The frame the page's cards show (published to the DOM about 10×/s). Labels and numbers take
   * their values from it (matched by face id), so a box and its card always agree; boxes follow
   * the frame being drawn. Default: the drawn frame itself.
   */
  shown?: readonly FaceResult[];
}

/** One face as drawn: for tests (window.emotionApp.getOverlayLayout()) and the snapshot. */
export interface OverlayFaceLayout {
  id: number;
  /** The number on the box and on its card (1 = leftmost on screen); 0 before its card exists. */
  number: number;
  emotion: string;
  score: number;
  /** Canvas pixels, as drawn (mirrored if the view is). */
  box: Box;
  /** The label's rectangle; for detail 'number', the number tab on the box (the card has the values). */
  label: Box;
  detail: LabelDetail | 'number';
  /** False when no spot free of other faces existed even for the smallest label: then only the number is drawn. */
  clear: boolean;
}

export interface OverlayLayout {
  /** Canvas size in pixels. */
  width: number;
  height: number;
  /** On-screen CSS pixels per canvas pixel when drawn. */
  displayScale: number;
  /** Label text sizes on screen, CSS pixels. */
  titleCssPx: number;
  barCssPx: number;
  faces: OverlayFaceLayout[];
}

/** Label text on screen, in CSS pixels, before textScale: the headline grows with the face. */
const MIN_TITLE_CSS = 14;
const MAX_TITLE_CSS = 30;
/** Bar names never go below this on screen (tablets showed 8 px). */
const MIN_BAR_CSS = 12;

interface Block {
  face: FaceResult;
  number: number;
  box: Box;
  /** The number tab: above the box's corner when the face is small (so it does not hide the face), else inside. */
  tab: Box;
  /** What labels must keep clear of: the box and its tab. */
  area: Box;
  color: string;
  font: number;
  barFont: number;
  title: string;
  /** Per detail level offered, most detailed first. */
  details: LabelDetail[];
  sizes: { width: number; height: number }[];
}

/** Draws the frame's boxes and labels and returns where everything went. */
export function drawOverlay(ctx: CanvasRenderingContext2D, result: FrameResult, opts: OverlayOptions): OverlayLayout {
  const { canvas } = ctx;
  if (canvas.width !== result.width || canvas.height !== result.height) {
    canvas.width = result.width;
    canvas.height = result.height;
  }
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  // Measured after the resize above: the first frame of a new size must not use the old size's scale.
  const shownScale = opts.displayScale ?? containScale(canvas as HTMLCanvasElement);
  const scale = shownScale > 0 ? shownScale : 1;
  const textScale = opts.textScale ?? 1;
  const n = result.faces.length;
  const shown = opts.shown ?? result.faces;
  const byId = new Map(shown.map((f) => [f.id, f]));
  const numbers = faceNumbers(shown, opts.mirror);

  const blocks: Block[] = result.faces.map((drawn) => {
    // Values from the shown frame, position from the drawn one.
    const face = { ...(byId.get(drawn.id) ?? drawn), box: drawn.box };
    const box = opts.mirror ? mirrorBox(face.box, result.width) : face.box;
    const minPx = (MIN_TITLE_CSS * textScale) / scale;
    const maxPx = (MAX_TITLE_CSS * textScale) / scale;
    const font = Math.max(minPx, Math.min(maxPx, box.width / 7));
    const barFont = Math.max((MIN_BAR_CSS * textScale) / scale, font * 0.72);
    const number = numbers.get(face.id) ?? 0;
    const tab = numberTab(ctx, box, number, barFont, result.faces, drawn, opts.mirror ? result.width : 0);
    const title = `${number ? `${number} · ` : ''}${face.emotion} ${Math.round(face.score * 100)}%`;
    ctx.font = `700 ${font}px system-ui, sans-serif`;
    const titleW = ctx.measureText(title).width + font * 0.6;
    const most = labelDetail(box.width * scale, n, textScale);
    const details = DETAIL_LEVELS.slice(DETAIL_LEVELS.indexOf(most));
    const sizes = details.map((d) => {
      const rows = d === 'full' ? opts.labels.length : d === 'top3' ? Math.min(3, opts.labels.length) : 0;
      return d === 'compact'
        ? { width: titleW, height: font * 1.75 }
        : { width: Math.max(titleW, barFont * 11), height: font * 1.4 + rows * barFont * 1.35 + barFont * 0.3 };
    });
    return { face, number, box, tab, area: union(box, tab), color: labelColor(face.emotion, opts.labels.indexOf(face.emotion)), font, barFont, title, details, sizes };
  });

  const spots = placeLabels(
    blocks.map((b) => ({ box: b.area, sizes: b.sizes })),
    result.width,
    result.height,
  );
  // A label stacked away from its face (crowded rows) is tied to it by a line, drawn under every label.
  blocks.forEach((b, i) => {
    if (spots[i].clear) drawLeader(ctx, b, spots[i].rect, scale);
  });
  // Then the boxes, so no box is drawn over another face's label.
  for (const b of blocks) drawBox(ctx, b, opts, scale);
  const faces = blocks.map((b, i): OverlayFaceLayout => {
    const { rect, size, clear } = spots[i];
    const face = { id: b.face.id, number: b.number, emotion: b.face.emotion, score: b.face.score, box: b.box };
    // No free spot even for the headline: a label there would hide another face, so only the
    // number (in the face's colour) is drawn and the card carries the values.
    if (!clear && b.number) return { ...face, label: b.tab, detail: 'number', clear };
    const detail = b.details[size];
    drawBlock(ctx, b, rect, detail, barRows(b.face, opts.labels, detail), opts, scale);
    return { ...face, label: rect, detail, clear };
  });
  return { width: result.width, height: result.height, displayScale: scale, titleCssPx: MIN_TITLE_CSS * textScale, barCssPx: MIN_BAR_CSS * textScale, faces };
}

function drawBox(ctx: CanvasRenderingContext2D, b: Block, opts: OverlayOptions, scale: number): void {
  const lw = Math.max(2, b.font / 7);
  if (opts.contrast) {
    ctx.lineWidth = lw + 4 / scale;
    ctx.strokeStyle = '#000';
    ctx.strokeRect(b.box.x, b.box.y, b.box.width, b.box.height);
  }
  ctx.lineWidth = lw;
  ctx.strokeStyle = b.color;
  ctx.strokeRect(b.box.x, b.box.y, b.box.width, b.box.height);
  if (!b.number) return;
  // The face's number on its tab, as on its card.
  ctx.font = `700 ${b.barFont * 1.1}px system-ui, sans-serif`;
  ctx.fillStyle = b.color;
  ctx.fillRect(b.tab.x, b.tab.y, b.tab.width, b.tab.height);
  ctx.fillStyle = '#000';
  ctx.fillText(String(b.number), b.tab.x + b.barFont * 0.35, b.tab.y + b.barFont * 1.15);
}

/** A line from a label that does not touch its face (box and tab) to the nearest point of the box. */
function drawLeader(ctx: CanvasRenderingContext2D, b: Block, label: Box, scale: number): void {
  const gapX = Math.max(0, b.area.x - (label.x + label.width), label.x - (b.area.x + b.area.width));
  const gapY = Math.max(0, b.area.y - (label.y + label.height), label.y - (b.area.y + b.area.height));
  if (Math.hypot(gapX, gapY) <= b.font * 0.5) return;
  const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
  // From the label's point nearest the face to the face's (box and tab) point nearest that.
  const { area } = b;
  const lx = clamp(b.box.x + b.box.width / 2, label.x, label.x + label.width);
  const ly = clamp(b.box.y + b.box.height / 2, label.y, label.y + label.height);
  const bx = clamp(lx, area.x, area.x + area.width);
  const by = clamp(ly, area.y, area.y + area.height);
  ctx.beginPath();
  ctx.moveTo(lx, ly);
  ctx.lineTo(bx, by);
  ctx.lineWidth = Math.max(2, 4 / scale);
  ctx.strokeStyle = '#000';
  ctx.stroke();
  ctx.lineWidth = Math.max(1, 2 / scale);
  ctx.strokeStyle = b.color;
  ctx.stroke();
}

/**
 * Where a face's number goes: inside the box's top-left corner when the face is big enough that
 * the tab covers little of it; otherwise just above the box (or below it), unless that lands on
 * another face or outside the frame.
 */
function numberTab(ctx: CanvasRenderingContext2D, box: Box, number: number, barFont: number, all: readonly FaceResult[], self: FaceResult, mirrorWidth: number): Box {
  if (!number) return { x: box.x, y: box.y, width: 0, height: 0 };
  ctx.font = `700 ${barFont * 1.1}px system-ui, sans-serif`;
  const width = ctx.measureText(String(number)).width + barFont * 0.7;
  const height = barFont * 1.5;
  const inside = { x: box.x, y: box.y, width, height };
  if (box.height >= height * 4 && box.width >= width * 3) return inside;
  const others = all.filter((f) => f !== self).map((f) => (mirrorWidth ? mirrorBox(f.box, mirrorWidth) : f.box));
  const frameH = ctx.canvas.height;
  for (const y of [box.y - height, box.y + box.height]) {
    const t = { x: box.x, y, width, height };
    if (y >= 0 && y + height <= frameH && others.every((o) => !overlaps(t, o))) return t;
  }
  return inside;
}

const overlaps = (a: Box, b: Box) => Math.min(a.x + a.width, b.x + b.width) > Math.max(a.x, b.x) && Math.min(a.y + a.height, b.y + b.height) > Math.max(a.y, b.y);

function union(a: Box, b: Box): Box {
  if (!b.width || !b.height) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}

function barRows(face: FaceResult, labels: string[], detail: LabelDetail): [string, number, number][] {
  const rows = labels.map((l, i): [string, number, number] => [l, face.probs[l] ?? 0, i]);
  if (detail === 'full') return rows;
  if (detail === 'top3') return rows.sort((a, b) => b[1] - a[1]).slice(0, 3);
  return [];
}

function drawBlock(ctx: CanvasRenderingContext2D, b: Block, at: Box, detail: LabelDetail, rows: [string, number, number][], opts: OverlayOptions, scale: number): void {
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
  if (detail === 'compact') {
    // One bar: how sure the shown label is.
    ctx.fillStyle = b.color;
    ctx.fillRect(x0, at.y + font * 1.35, inner * b.face.score, font * 0.2);
    return;
  }
  const rowH = barFont * 1.35;
  const nameW = barFont * 5;
  ctx.font = `${barFont}px system-ui, sans-serif`;
  rows.forEach(([label, p, i], k) => {
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
  if (!canvas.width || !canvas.height || !canvas.clientWidth || !canvas.clientHeight) return 1;
  return Math.min(canvas.clientWidth / canvas.width, canvas.clientHeight / canvas.height);
}
