import { ImageDecodeError, type RgbaImage } from './types.ts';

/**
 * Uncompressed Windows BMP (BI_RGB 1/4/8/24/32-bit, BI_BITFIELDS 16/32-bit).
 * RLE and embedded JPEG/PNG variants are rare in practice and rejected with a clear error.
 */
export function decodeBmp(bytes: Uint8Array): RgbaImage {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string): never => {
    throw new ImageDecodeError(`corrupt or unsupported BMP: ${why}`);
  };
  if (bytes.length < 26) fail(`file too short (${bytes.length} bytes)`);
  const pixelOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (headerSize === 12) fail('OS/2 1.x BMP headers are not supported');
  if (headerSize < 40 || 14 + headerSize > bytes.length) fail(`bad info header size ${headerSize}`);

  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  // Negative height means rows are stored top-down; the usual layout is bottom-up.
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  if (width <= 0 || height <= 0) fail(`bad dimensions ${width}x${rawHeight}`);
  if (width * height > 100_000_000) fail(`image too large (${width}x${height})`);

  const BI_RGB = 0;
  const BI_BITFIELDS = 3;
  let masks: [number, number, number, number] | null = null;
  if (compression === BI_BITFIELDS && (bpp === 16 || bpp === 32)) {
    // Masks follow a 40-byte header directly; V4/V5 headers carry them inline at the same offset.
    if (14 + 40 + 12 > bytes.length) fail('missing bitfield masks');
    const alphaMask = headerSize >= 56 ? view.getUint32(54 + 12, true) : 0;
    masks = [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true), alphaMask];
  } else if (compression === BI_RGB && bpp === 16) {
    masks = [0x7c00, 0x03e0, 0x001f, 0];
  } else if (compression !== BI_RGB) {
    fail(`compression type ${compression} (RLE/JPEG/PNG-in-BMP) is not supported`);
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) fail(`${bpp} bits per pixel is not supported`);

  let palette: Uint8Array | null = null;
  if (bpp <= 8) {
    const declared = view.getUint32(46, true);
    const count = declared === 0 ? 1 << bpp : Math.min(declared, 1 << bpp);
    const start = 14 + headerSize;
    if (start + count * 4 > bytes.length) fail('palette runs past end of file');
    palette = bytes.subarray(start, start + count * 4); // stored as B,G,R,reserved
  }

  // Rows are padded to 4-byte boundaries.
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (pixelOffset + stride * height > bytes.length) {
    fail(`pixel data truncated (need ${pixelOffset + stride * height} bytes, have ${bytes.length})`);
  }

  const out = new Uint8Array(width * height * 4);
  const maskInfo = masks?.map(maskShift);
  // 32-bit BI_RGB has an unused 4th byte that is often 0; only trust alpha when a mask says so.
  for (let y = 0; y < height; y++) {
    const srcRow = pixelOffset + (topDown ? y : height - 1 - y) * stride;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      if (palette) {
        const bitPos = x * bpp;
        const byte = bytes[srcRow + (bitPos >> 3)];
        const index = bpp === 8 ? byte : (byte >> (8 - bpp - (bitPos & 7))) & ((1 << bpp) - 1);
        const p = index * 4;
        if (p + 2 >= palette.length) fail(`palette index ${index} out of range`);
        out[o] = palette[p + 2];
        out[o + 1] = palette[p + 1];
        out[o + 2] = palette[p];
        out[o + 3] = 255;
      } else if (maskInfo) {
        const p = srcRow + x * (bpp >> 3);
        const v = bpp === 16 ? view.getUint16(p, true) : view.getUint32(p, true);
        out[o] = extract(v, maskInfo[0]);
        out[o + 1] = extract(v, maskInfo[1]);
        out[o + 2] = extract(v, maskInfo[2]);
        out[o + 3] = maskInfo[3].mask ? extract(v, maskInfo[3]) : 255;
      } else {
        const p = srcRow + x * (bpp >> 3);
        out[o] = bytes[p + 2];
        out[o + 1] = bytes[p + 1];
        out[o + 2] = bytes[p];
        out[o + 3] = 255;
      }
    }
  }
  return { width, height, data: out };
}

interface MaskInfo {
  mask: number;
  shift: number;
  max: number;
}

function maskShift(mask: number): MaskInfo {
  if (mask === 0) return { mask: 0, shift: 0, max: 1 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  return { mask, shift, max: mask >>> shift };
}

function extract(v: number, m: MaskInfo): number {
  if (!m.mask) return 0;
  // Scale an n-bit channel to 0..255 (e.g. 5-bit 31 -> 255).
  return Math.round((((v & m.mask) >>> m.shift) * 255) / m.max);
}
