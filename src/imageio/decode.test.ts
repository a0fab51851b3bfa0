import { createRequire } from 'node:module';
import * as jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage, readExifOrientation, sniffFormat } from './decode.ts';
import { ImageDecodeError } from './types.ts';

const { PNG } = createRequire(import.meta.url)('pngjs');

function encodePng(width: number, height: number, rgba: number[], colorType = 6): Uint8Array {
  const png = new PNG({ width, height, colorType, inputColorType: 6 });
  png.data = Buffer.from(rgba);
  return PNG.sync.write(png, { colorType, inputColorType: 6 });
}

/** width×height RGBA where the left half is colour a and the right half colour b. */
function halves(width: number, height: number, a: number[], b: number[]): number[] {
  const out: number[] = [];
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) out.push(...(x < width / 2 ? a : b));
  return out;
}

/**
 * Hand-built baseline grayscale (1-component) JPEG, 8N×8, one DC-only 8×8 block per level.
 * jpeg-js can only encode colour, and grayscale is the case we need to prove. Quantisation is all
 * ones, so a DC coefficient of (level-128)*8 decodes to exactly `level` across the block.
 */
function grayscaleJpeg(levels: number[]): Uint8Array {
  const bytes: number[] = [0xff, 0xd8];
  const segment = (marker: number, body: number[]) => bytes.push(0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body);
  segment(0xdb, [0x00, ...new Array(64).fill(1)]); // DQT: 8-bit table 0, all ones
  const w = levels.length * 8;
  segment(0xc0, [8, 0, 8, w >> 8, w & 0xff, 1, 1, 0x11, 0]); // SOF0: 8-bit, 8×w, one component
  // DC table: categories 0..11 each get a 4-bit code 0000..1011 (none all-ones, as the spec requires).
  segment(0xc4, [0x00, 0, 0, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  // AC table: only end-of-block (symbol 0x00) with the 1-bit code 0.
  segment(0xc4, [0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
  segment(0xda, [1, 1, 0x00, 0, 63, 0]); // SOS
  let acc = 0;
  let n = 0;
  const put = (value: number, len: number) => {
    for (let i = len - 1; i >= 0; i--) {
      acc = (acc << 1) | ((value >> i) & 1);
      if (++n === 8) {
        bytes.push(acc);
        if (acc === 0xff) bytes.push(0); // byte stuffing
        acc = 0;
        n = 0;
      }
    }
  };
  let prev = 0;
  for (const level of levels) {
    const dc = (level - 128) * 8;
    const diff = dc - prev;
    prev = dc;
    const cat = diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
    put(cat, 4);
    put(diff < 0 ? diff + (1 << cat) - 1 : diff, cat); // negative values are stored one's-complement
    put(0, 1); // EOB
  }
  while (n !== 0) put(1, 1); // pad the last byte with ones
  bytes.push(0xff, 0xd9);
  return new Uint8Array(bytes);
}

describe('decodeImage', () => {
  it('decodes an RGBA PNG exactly, including alpha', () => {
    const px = [255, 0, 0, 255, 0, 255, 0, 128, 0, 0, 255, 0, 10, 20, 30, 255, 200, 100, 50, 255, 1, 2, 3, 4];
    const img = decodeImage(encodePng(3, 2, px));
    expect(img.width).toBe(3);
    expect(img.height).toBe(2);
    expect(Array.from(img.data)).toEqual(px);
  });

  it('expands an RGB (no alpha) PNG to opaque RGBA', () => {
    const px = halves(4, 2, [12, 34, 56, 255], [200, 150, 100, 255]);
    const img = decodeImage(encodePng(4, 2, px, 2));
    expect(Array.from(img.data)).toEqual(px);
  });

  it('decodes a jpeg-js JPEG within compression tolerance', () => {
    const a = [220, 40, 30, 255];
    const b = [30, 60, 200, 255];
    const data = Buffer.from(halves(32, 16, a, b));
    const bytes = jpeg.encode({ width: 32, height: 16, data }, 95).data;
    const img = decodeImage(bytes);
    expect([img.width, img.height]).toEqual([32, 16]);
    // Sample pixels away from the colour edge, where JPEG ringing and chroma subsampling live.
    for (const [x, want] of [[3, a], [28, b]] as const) {
      const p = (8 * 32 + x) * 4;
      for (let c = 0; c < 3; c++) expect(Math.abs(img.data[p + c] - want[c])).toBeLessThanOrEqual(8);
      expect(img.data[p + 3]).toBe(255);
    }
  });

  it('decodes a grayscale (1-component) JPEG to gray RGBA', () => {
    const bytes = grayscaleJpeg([50, 200]);
    const img = decodeImage(bytes);
    expect([img.width, img.height]).toEqual([16, 8]);
    for (const [x, level] of [[2, 50], [13, 200]]) {
      const p = (4 * 16 + x) * 4;
      const [r, g, b, a] = img.data.subarray(p, p + 4);
      expect(Math.abs(r - level)).toBeLessThanOrEqual(1);
      expect([g, b, a]).toEqual([r, r, 255]);
    }
  });

  it('applies EXIF orientation 6 (rotate 90° clockwise) to JPEGs', () => {
    // 32×16, red top-left quadrant, blue elsewhere: asymmetric, so rotation differs from a transpose.
    const rgba: number[] = [];
    for (let y = 0; y < 16; y++) for (let x = 0; x < 32; x++) rgba.push(...(x < 16 && y < 8 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const plain = jpeg.encode({ width: 32, height: 16, data: Buffer.from(rgba) }, 95).data;
    // APP1 "Exif\0\0" + big-endian TIFF with one IFD0 entry: Orientation (0x0112), SHORT, 1, value 6.
    const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
    const body = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
    const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
    const bytes = new Uint8Array([...plain.subarray(0, 2), ...app1, ...plain.subarray(2)]);
    expect(readExifOrientation(bytes)).toBe(6);
    expect(readExifOrientation(plain)).toBe(1);

    const img = decodeImage(bytes);
    expect([img.width, img.height]).toEqual([16, 32]);
    // Turned clockwise, the stored top-left corner becomes the top-right one.
    const isRed = (x: number, y: number) => img.data[(y * 16 + x) * 4] > 200 && img.data[(y * 16 + x) * 4 + 2] < 60;
    expect(isRed(12, 4)).toBe(true);
    expect(isRed(4, 4)).toBe(false);
    expect(isRed(12, 24)).toBe(false);
  });

  it('decodes a 24-bit bottom-up BMP with row padding', () => {
    // 3×2 pixels, 24 bpp: rows are 9 bytes, padded to 12; the last row in the file is the top.
    const row = (px: number[][]) => [...px.flatMap(([r, g, b]) => [b, g, r]), 0, 0, 0];
    const pixels = [...row([[1, 2, 3], [4, 5, 6], [7, 8, 9]]), ...row([[255, 0, 0], [0, 255, 0], [0, 0, 255]])];
    const img = decodeImage(bmp(3, 2, 24, pixels));
    expect(Array.from(img.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 1, 2, 3, 255, 4, 5, 6, 255, 7, 8, 9, 255]);
  });

  it('decodes an 8-bit palette BMP stored top-down', () => {
    const palette = [0, 0, 0, 0, /* idx1 = */ 30, 20, 10, 0]; // B,G,R,reserved
    const pixels = [1, 0, 0, 0, 0, 1, 0, 0]; // 2×2, rows padded to 4 bytes
    const img = decodeImage(bmp(2, -2, 8, pixels, palette));
    expect(Array.from(img.data)).toEqual([10, 20, 30, 255, 0, 0, 0, 255, 0, 0, 0, 255, 10, 20, 30, 255]);
  });

  it('names the file and shows the first bytes when the format is unknown', () => {
    const gif = new Uint8Array([...Buffer.from('GIF89a', 'latin1'), 1, 0]);
    expect(() => decodeImage(gif, 'photos/cat.gif')).toThrow(ImageDecodeError);
    expect(() => decodeImage(gif, 'photos/cat.gif')).toThrow(
      'photos/cat.gif: not a JPEG/PNG/BMP image (first bytes 47 49 46 38 39 61 01 00 "GIF89a.."; looks like GIF)',
    );
    expect(() => decodeImage(new Uint8Array(0), 'x.png')).toThrow('x.png: empty file');
  });

  it('reports truncated/corrupt files of a known format as corrupt, with the file name', () => {
    const png = encodePng(8, 8, new Array(8 * 8 * 4).fill(90));
    expect(() => decodeImage(png.subarray(0, 40), 'cut.png')).toThrow(/^cut\.png: corrupt or unsupported PNG/);
    const bmpCut = bmp(4, 4, 24, new Array(48).fill(0)).subarray(0, 70);
    expect(() => decodeImage(bmpCut, 'cut.bmp')).toThrow(/^cut\.bmp: corrupt or unsupported BMP: pixel data truncated/);
    expect(sniffFormat(png)).toBe('png');
  });
});

/** Minimal BITMAPINFOHEADER BMP writer for tests (negative height = top-down). */
function bmp(width: number, height: number, bpp: number, pixels: number[], palette: number[] = []): Uint8Array {
  const offset = 14 + 40 + palette.length;
  const buf = Buffer.alloc(offset + pixels.length);
  buf.write('BM', 0, 'latin1');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(offset, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(width, 18);
  buf.writeInt32LE(height, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(bpp, 28);
  buf.writeUInt32LE(0, 30);
  buf.writeUInt32LE(palette.length / 4, 46);
  Buffer.from(palette).copy(buf, 54);
  Buffer.from(pixels).copy(buf, offset);
  return new Uint8Array(buf);
}
