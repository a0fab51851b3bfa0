/** An 8-bit RGBA raster, row-major, no padding: data.length === width * height * 4. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Thrown for files we cannot turn into pixels; the message names the file and the reason. */
export class ImageDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImageDecodeError';
  }
}

export function createImage(width: number, height: number, fill?: readonly [number, number, number, number]): RgbaImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`image size must be positive integers, got ${width}x${height}`);
  }
  const data = new Uint8Array(width * height * 4);
  if (fill) {
    // Fill one row, then copy it: much faster than per-pixel writes for big canvases.
    const row = width * 4;
    for (let i = 0; i < row; i += 4) data.set(fill, i);
    for (let y = 1; y < height; y++) data.copyWithin(y * row, 0, row);
  }
  return { width, height, data };
}
