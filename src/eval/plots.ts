// The two pictures people read faster than tables: a reliability diagram (accuracy against
// confidence per bin, with the diagonal a calibrated model follows) and a confusion matrix heat map.
// Plain SVG strings, no dependency; `npm run eval -- --plots DIR` writes them.
import type { ReliabilityBin } from './calibration';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const FONT = 'font-family="system-ui, sans-serif"';

export function reliabilitySvg(bins: readonly ReliabilityBin[], title: string, ece: number): string {
  const W = 420;
  const P = 50; // margin
  const S = W - P - 20; // plot side
  const x = (v: number) => P + v * S;
  const TOP = 44;
  const y = (v: number) => TOP + (1 - v) * S;
  const n = bins.reduce((s, b) => s + b.count, 0);
  const bars = bins
    .filter((b) => b.count > 0)
    .map((b) => {
      const gap = `<rect x="${x(b.lo).toFixed(1)}" y="${y(Math.max(b.accuracy, b.confidence)).toFixed(1)}" width="${(x(b.hi) - x(b.lo)).toFixed(1)}" height="${Math.abs(y(b.accuracy) - y(b.confidence)).toFixed(1)}" fill="#e4572e" fill-opacity="0.35"/>`;
      const bar = `<rect x="${(x(b.lo) + 1).toFixed(1)}" y="${y(b.accuracy).toFixed(1)}" width="${(x(b.hi) - x(b.lo) - 2).toFixed(1)}" height="${(y(0) - y(b.accuracy)).toFixed(1)}" fill="#2e86ab"><title>${(b.lo * 100).toFixed(0)}–${(b.hi * 100).toFixed(0)}%: ${b.count} images, accuracy ${(b.accuracy * 100).toFixed(1)}%, mean confidence ${(b.confidence * 100).toFixed(1)}%</title></rect>`;
      const share = `<text x="${((x(b.lo) + x(b.hi)) / 2).toFixed(1)}" y="${(y(0) - 3).toFixed(1)}" font-size="8" fill="#fff" text-anchor="middle" ${FONT}>${Math.round((b.count / n) * 100)}</text>`;
      return bar + gap + share;
    })
    .join('');
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => `<text x="${x(t)}" y="${y(0) + 14}" font-size="10" text-anchor="middle" ${FONT}>${t}</text><text x="${P - 6}" y="${y(t) + 3}" font-size="10" text-anchor="end" ${FONT}>${t}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${W + 34}" viewBox="0 0 ${W} ${W + 34}">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="16" font-size="12" text-anchor="middle" ${FONT}>${esc(title)}</text>
<text x="${W / 2}" y="33" font-size="12" text-anchor="middle" ${FONT}>ECE ${ece.toFixed(3)} (15 bins)</text>
<rect x="${P}" y="${TOP}" width="${S}" height="${S}" fill="none" stroke="#999"/>
${bars}
<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#333" stroke-dasharray="4 3"/>
${ticks}
<text x="${P + S / 2}" y="${y(0) + 30}" font-size="11" text-anchor="middle" ${FONT}>confidence (top probability); bar labels: % of images</text>
<text x="14" y="${TOP + S / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${TOP + S / 2})" ${FONT}>accuracy (blue); gap to diagonal (red)</text>
</svg>
`;
}

/** Rows = truth, columns = prediction; cells shaded by their share of the row (recall). */
export function confusionSvg(confusion: readonly (readonly number[])[], rows: readonly string[], cols: readonly string[], title: string): string {
  const C = 46;
  const L = 80;
  const T = 70;
  const W = L + cols.length * C + 20;
  const H = T + rows.length * C + 30;
  const cells = confusion
    .map((row, r) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      return row
        .map((v, c) => {
          const share = v / total;
          const fill = `rgba(46,134,171,${share.toFixed(3)})`;
          const text = share > 0.5 ? '#fff' : '#222';
          return `<rect x="${L + c * C}" y="${T + r * C}" width="${C}" height="${C}" fill="${fill}" stroke="#ddd"><title>${esc(rows[r])} shown as ${esc(cols[c])}: ${v} (${(share * 100).toFixed(1)}%)</title></rect><text x="${L + c * C + C / 2}" y="${T + r * C + C / 2 + 4}" font-size="11" text-anchor="middle" fill="${text}" ${FONT}>${v}</text>`;
        })
        .join('');
    })
    .join('');
  const rowLabels = rows.map((l, r) => `<text x="${L - 6}" y="${T + r * C + C / 2 + 4}" font-size="11" text-anchor="end" ${FONT}>${esc(l)}</text>`).join('');
  const colLabels = cols.map((l, c) => `<text x="${L + c * C + C / 2}" y="${T - 8}" font-size="11" text-anchor="start" transform="rotate(-40 ${L + c * C + C / 2} ${T - 8})" ${FONT}>${esc(l)}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="16" font-size="13" text-anchor="middle" ${FONT}>${esc(title)}</text>
${cells}${rowLabels}${colLabels}
 <text x="${L + (cols.length * C) / 2}" y="${H - 10}" font-size="11" text-anchor="middle" ${FONT}>rows: truth · columns: prediction · shade: share of the row</text>
</svg>
`;
}
