import { readFile } from 'node:fs/promises';
import { decodeImage } from './decode.ts';
import { ImageDecodeError, type RgbaImage } from './types.ts';

/** Reads and decodes an image file; errors name the path and say whether it was missing or undecodable. */
export async function loadImage(path: string): Promise<RgbaImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ImageDecodeError(`${path}: file not found`);
    if (code === 'EISDIR') throw new ImageDecodeError(`${path}: is a directory, not an image`);
    throw new ImageDecodeError(`${path}: cannot read (${(err as Error).message})`);
  }
  return decodeImage(bytes, path);
}
