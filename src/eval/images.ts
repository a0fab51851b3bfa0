// Minimal Node image reading for the evaluation (JPEG via jpeg-js, PNG via pngjs), as RGBA.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import jpeg from 'jpeg-js';

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

// pngjs has no bundled types; describe the one call we use.
interface PngSync {
  read(buffer: Buffer): { width: number; height: number; data: Buffer };
}
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: PngSync } };

export function decodeImageBytes(bytes: Buffer, source: string): RgbaImage {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
    return { width: img.width, height: img.height, data: img.data };
  }
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    const img = PNG.sync.read(bytes);
    return { width: img.width, height: img.height, data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length) };
  }
  throw new Error(`${source}: not a JPEG or PNG image`);
}

export async function readImage(file: string): Promise<RgbaImage> {
  return decodeImageBytes(await readFile(file), file);
}
