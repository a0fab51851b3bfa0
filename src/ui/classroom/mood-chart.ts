// Draws the class-mood timeline on a canvas: per second, the share of faces showing each emotion,
// stacked to 100%. Called when a second closes, never per frame and never through React.
import type { MoodBucket } from '../../classroom/mood';
import { labelColor } from '../../overlay/colors';
import { timeTicks } from '../../classroom/mood-axis';

export function drawMoodChart(canvas: HTMLCanvasElement, series: readonly MoodBucket[], categories: readonly string[], contrast: boolean): void {
  const dpr = window.devicePixelRatio || 1;
  const cssW = canvas.clientWidth || 300;
  const cssH = canvas.clientHeight || 120;
  if (canvas.width !== Math.round(cssW * dpr) || canvas.height !== Math.round(cssH * dpr)) {
    canvas.width = Math.round(cssW * dpr);
    canvas.height = Math.round(cssH * dpr);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, cssW, cssH);
  ctx.fillStyle = contrast ? '#000' : '#16191c';
  ctx.fillRect(0, 0, cssW, cssH);
  // Text as big as the panel's own (it scales with the screen in presentation mode).
  const fontPx = Math.max(11, Math.round(parseFloat(getComputedStyle(canvas).fontSize) * 0.85) || 12);
  ctx.font = `${fontPx}px system-ui, sans-serif`;
  const axis = Math.round(fontPx * 1.5); // room for the time axis
  const h = cssH - axis;
  if (series.length === 0) {
    ctx.fillStyle = contrast ? '#fff' : '#9ba1a6';
    ctx.fillText('The timeline fills in once per second.', 8, h / 2);
    return;
  }
  // One column per second, or several seconds per pixel column on long sessions.
  const n = series.length;
  const colW = cssW / n;
  for (let i = 0; i < n; i++) {
    const b = series[i];
    const total = categories.reduce((s, c) => s + (b.counts[c] ?? 0), 0);
    if (total <= 0) continue;
    let y = h;
    categories.forEach((c, k) => {
      const v = ((b.counts[c] ?? 0) / total) * h;
      if (v <= 0) return;
      ctx.fillStyle = labelColor(c, k);
      ctx.fillRect(i * colW, y - v, Math.max(colW, 1) + 0.5, v);
      y -= v;
    });
  }
  // Time axis: seconds before the newest column, at round steps that fit the width.
  ctx.fillStyle = contrast ? '#fff' : '#c1c8cd';
  ctx.strokeStyle = ctx.fillStyle;
  ctx.lineWidth = 1;
  const maxTicks = Math.max(2, Math.floor(cssW / (fontPx * 5)));
  ctx.textBaseline = 'bottom';
  for (const tick of timeTicks(n, maxTicks)) {
    const x = (n - 1 - tick.ago + 0.5) * colW;
    ctx.beginPath();
    ctx.moveTo(x, h);
    ctx.lineTo(x, h + fontPx * 0.35);
    ctx.stroke();
    const w = ctx.measureText(tick.label).width;
    ctx.fillText(tick.label, Math.min(cssW - w - 2, Math.max(2, x - w / 2)), cssH - 1);
  }
}
