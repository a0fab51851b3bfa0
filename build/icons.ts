// Draws the app icon (a lens ring around a smile) as SVG and as PNGs at the sizes the web app
// manifest needs, with the same geometry. Run once after changing it: `npx tsx build/icons.ts`;
// the outputs in public/icons/ are committed.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

// pngjs ships no type declarations: describe the one call used.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { write(png: { width: number; height: number; data: Uint8Array }): Buffer } };
};

export const THEME_COLOR = '#111315';
const BG: Rgb = [0x11, 0x13, 0x15];
const RING: Rgb = [0x00, 0x90, 0xff];
const SMILE: Rgb = [0xff, 0xc8, 0x3d];
type Rgb = [number, number, number];

// Geometry on a 0..1 square: ring centre/radius/width, eyes, smile arc (lower half circle).
const G = { c: 0.5, r: 0.3, w: 0.07, eyeY: 0.43, eyeDx: 0.1, eyeR: 0.035, smileY: 0.5, smileR: 0.14, smileW: 0.045 };

export function iconSvg(maskable = false): string {
  const pad = maskable ? 0 : 0.0;
  const rx = maskable ? 0 : 0.18;
  const s = (v: number) => +(v * 512).toFixed(1);
  const arcL = s(G.c - G.smileR);
  const arcR = s(G.c + G.smileR);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect x="${s(pad)}" y="${s(pad)}" width="${s(1 - 2 * pad)}" height="${s(1 - 2 * pad)}" rx="${s(rx)}" fill="${THEME_COLOR}"/>
<circle cx="${s(G.c)}" cy="${s(G.c)}" r="${s(G.r)}" fill="none" stroke="#0090ff" stroke-width="${s(G.w)}"/>
<circle cx="${s(G.c - G.eyeDx)}" cy="${s(G.eyeY)}" r="${s(G.eyeR)}" fill="#ffc83d"/>
<circle cx="${s(G.c + G.eyeDx)}" cy="${s(G.eyeY)}" r="${s(G.eyeR)}" fill="#ffc83d"/>
<path d="M ${arcL} ${s(G.smileY)} A ${s(G.smileR)} ${s(G.smileR)} 0 0 0 ${arcR} ${s(G.smileY)}" fill="none" stroke="#ffc83d" stroke-width="${s(G.smileW)}" stroke-linecap="round"/>
</svg>
`;
}

/** Colour at (x, y) in 0..1, or null outside the rounded background (transparent). */
function shade(x: number, y: number, maskable: boolean): Rgb | null {
  const rx = maskable ? 0 : 0.18;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - rx), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - rx), 0);
  if (Math.hypot(qx, qy) > rx && rx > 0) return null;
  const d = Math.hypot(x - G.c, y - G.c);
  if (Math.abs(d - G.r) <= G.w / 2) return RING;
  for (const ex of [G.c - G.eyeDx, G.c + G.eyeDx]) if (Math.hypot(x - ex, y - G.eyeY) <= G.eyeR) return SMILE;
  const ds = Math.hypot(x - G.c, y - G.smileY);
  if (y >= G.smileY && Math.abs(ds - G.smileR) <= G.smileW / 2) return SMILE;
  // round caps at the arc's ends
  for (const ex of [G.c - G.smileR, G.c + G.smileR]) if (Math.hypot(x - ex, y - G.smileY) <= G.smileW / 2) return SMILE;
  return BG;
}

/** PNG of the icon, 4×4 supersampled for smooth edges. */
export function iconPng(size: number, maskable = false): Buffer {
  const png = { width: size, height: size, data: new Uint8Array(size * size * 4) };
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = shade((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, maskable);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return PNG.sync.write(png);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL('../public/icons/', import.meta.url));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'icon.svg'), iconSvg());
  for (const size of [192, 512]) fs.writeFileSync(path.join(dir, `icon-${size}.png`), iconPng(size));
  fs.writeFileSync(path.join(dir, 'icon-maskable-512.png'), iconPng(512, true));
  fs.writeFileSync(path.join(dir, 'apple-touch-icon.png'), iconPng(180, true));
  console.log(`icons written to ${dir}`);
}
