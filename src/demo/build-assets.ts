// Builds public/demo/: the six sample photos of @vladmandic/face-api (MIT), scaled down to
// DEMO_MAX_SIDE px, for the built-in demo clip. Run after upgrading that package:
//   npx tsx src/demo/build-assets.ts
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jpeg from 'jpeg-js';
import { loadImage, resizeImage } from '../imageio/index.ts';
import { sampleImagePath } from '../fixture/samples.ts';
import { DEMO_MAX_SIDE, DEMO_PHOTOS } from './photos.ts';

const OUT = fileURLToPath(new URL('../../public/demo/', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../node_modules/@vladmandic/face-api/', import.meta.url));

await mkdir(OUT, { recursive: true });
for (const [i, name] of DEMO_PHOTOS.entries()) {
  const img = await loadImage(sampleImagePath(i + 1));
  const s = Math.min(1, DEMO_MAX_SIDE / Math.max(img.width, img.height));
  const small = resizeImage(img, Math.round(img.width * s), Math.round(img.height * s));
  const out = jpeg.encode({ data: Buffer.from(small.data), width: small.width, height: small.height }, 75);
  await writeFile(join(OUT, name), out.data);
  console.log(name, `${small.width}×${small.height}`, `${(out.data.length / 1024).toFixed(0)} KiB`);
}
await copyFile(join(PACKAGE, 'LICENSE'), join(OUT, 'LICENSE'));
