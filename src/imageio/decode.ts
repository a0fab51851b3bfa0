import { createRequire } from 'node:module';
import * as jpeg from 'jpeg-js';
import { decodeBmp } from './bmp.ts';
import { ImageDecodeError, type RgbaImage } from './types.ts';

// pngjs ships no type declarations; load it through require and describe only what we call.
interface PngSync {
  read(buffer: Buffer): { width: number; height: number; data: Buffer };
}
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: PngSync } };

export type ImageFormat = 'jpeg' | 'png' | 'bmp';

/** Identifies the container from magic bytes; file extensions are not trusted. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && PNG_MAGIC.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d) return 'bmp';
  return null;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Decodes JPEG (baseline/progressive, colour or grayscale), PNG (any colour type) or BMP into RGBA.
 * JPEG EXIF orientation is applied so phone photos come out upright, as browsers show them.
 * `source` (e.g. the file path) is only used in error messages.
 */
export function decodeImage(bytes: Uint8Array, source = 'image'): RgbaImage {
  const format = sniffFormat(bytes);
  if (!format) {
    if (bytes.length === 0) throw new ImageDecodeError(`${source}: empty file, not a JPEG/PNG/BMP image`);
    const guess = guessOtherFormat(bytes);
    throw new ImageDecodeError(
      `${source}: not a JPEG/PNG/BMP image (first bytes ${describeBytes(bytes)}${guess ? `; looks like ${guess}` : ''})`,
    );
  }
  try {
    switch (format) {
      case 'jpeg': {
        const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
        checkSize(img.width, img.height, img.data.length);
        const { width, height, data } = img;
        return applyExifOrientation({ width, height, data }, readExifOrientation(bytes));
      }
      case 'png': {
        // pngjs expands palette/gray/16-bit to 8-bit RGBA.
        const img = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        checkSize(img.width, img.height, img.data.length);
        return { width: img.width, height: img.height, data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length) };
      }
      case 'bmp':
        return decodeBmp(bytes);
    }
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    if (err instanceof ImageDecodeError) throw new ImageDecodeError(`${source}: ${why}`);
    throw new ImageDecodeError(`${source}: corrupt or unsupported ${format.toUpperCase()} (${why})`);
  }
}

function checkSize(width: number, height: number, length: number): void {
  if (!(width > 0 && height > 0) || length < width * height * 4) {
    throw new Error(`decoder returned ${width}x${height} with ${length} bytes`);
  }
}

function describeBytes(bytes: Uint8Array): string {
  const head = bytes.subarray(0, 8);
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const ascii = Array.from(head, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
  return `${hex} "${ascii}"`;
}

function guessOtherFormat(b: Uint8Array): string | null {
  const ascii = (start: number, end: number) => String.fromCharCode(...b.subarray(start, end));
  if (ascii(0, 4) === 'GIF8') return 'GIF';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'WebP';
  if (ascii(4, 8) === 'ftyp') return /^(heic|heix|mif1|msf1)$/.test(ascii(8, 12)) ? 'HEIC/HEIF' : ascii(8, 12) === 'avif' ? 'AVIF' : 'an MP4/ISO media file';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'TIFF';
  if (ascii(0, 9) === 'YUV4MPEG2') return 'a Y4M video';
  if (ascii(0, 5) === '<?xml' || ascii(0, 4) === '<svg') return 'SVG/XML';
  return null;
}

/** Returns the EXIF orientation (1..8) of a JPEG, or 1 when absent/unreadable. */
export function readExifOrientation(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 2;
  // Walk marker segments until start-of-scan; EXIF lives in an APP1 segment before it.
  while (p + 4 <= bytes.length && bytes[p] === 0xff) {
    const marker = bytes[p + 1];
    if (marker === 0xda || marker === 0xd9) break;
    const len = view.getUint16(p + 2);
    if (len < 2) break;
    const seg = p + 4;
    if (marker === 0xe1 && seg + 14 <= bytes.length && String.fromCharCode(...bytes.subarray(seg, seg + 6)) === 'Exif\0\0') {
      return orientationFromTiff(view, seg + 6, Math.min(p + 2 + len, bytes.length));
    }
    p += 2 + len;
  }
  return 1;
}

function orientationFromTiff(view: DataView, tiff: number, end: number): number {
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return 1;
  const le = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, le);
  if (ifd + 2 > end) return 1;
  const count = view.getUint16(ifd, le);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return 1;
    if (view.getUint16(entry, le) === 0x0112) {
      const value = view.getUint16(entry + 8, le);
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/** Rotates/flips so that the image displays upright; `orientation` is the EXIF tag value. */
export function applyExifOrientation(img: RgbaImage, orientation: number): RgbaImage {
  if (orientation <= 1 || orientation > 8) return img;
  const { width: W, height: H, data } = img;
  const swap = orientation >= 5;
  const outW = swap ? H : W;
  const outH = swap ? W : H;
  const out = new Uint8Array(data.length);
  // A Uint32Array view needs 4-byte alignment; copy the rare unaligned input.
  const aligned = data.byteOffset % 4 === 0 ? data : data.slice();
  const src32 = new Uint32Array(aligned.buffer, aligned.byteOffset, W * H);
  const dst32 = new Uint32Array(out.buffer);
  // For each output pixel, find the stored pixel that belongs there.
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let sx: number;
      let sy: number;
      switch (orientation) {
        case 2: sx = W - 1 - x; sy = y; break;
        case 3: sx = W - 1 - x; sy = H - 1 - y; break;
        case 4: sx = x; sy = H - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = H - 1 - x; break;
        case 7: sx = W - 1 - y; sy = H - 1 - x; break;
        default: sx = W - 1 - y; sy = x; break; // 8
      }
      dst32[y * outW + x] = src32[sy * W + sx];
    }
  }
  return { width: outW, height: outH, data: out };
}
