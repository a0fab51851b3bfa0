// Draws the class-mood timeline on a canvas: per second, the share of faces showing each emotion,
// stacked to 100%. Called when a second closes, never per frame and never through React.
import type { MoodBucket } from '../../classroom/mood';
import { labelColor } from '../../overlay/colors';

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
  const axis = 16; // room for the time label
  const h = cssH - axis;
  if (series.length === 0) {
    ctx.fillStyle = contrast ? '#fff' : '#9ba1a6';
    ctx.font = '13px system-ui, sans-serif';
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
  ctx.fillStyle = contrast ? '#fff' : '#c1c8cd';
  ctx.font = '12px system-ui, sans-serif';
  const secs = Math.round((series[n - 1].t - series[0].t) / 1000) + 1;
  ctx.fillText(`${new Date(series[0].t).toLocaleTimeString()} — ${secs} s`, 4, cssH - 3);
}
