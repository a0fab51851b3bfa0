// Opens a user's image or video file as a frame source, with a clear error for anything else.
import { CodedError, errorDetail } from '../faults/coded-error';

export type FileKind = 'image' | 'video';

/** Longest side images are analysed at: bigger photos are scaled down first (an 8000×8000 photo
 * would need gigabytes as a tensor, and faces are found just as well at this size). */
export const MAX_IMAGE_SIDE = 1920;

const IMAGE_EXT = /\.(jpe?g|png|gif|webp|bmp|avif)$/i;
const VIDEO_EXT = /\.(mp4|webm|ogv|ogg|mov|m4v|mkv)$/i;

/** What kind of file this is, by MIME type or, when the browser gives none, by extension. */
export function fileKind(file: { name: string; type: string }): FileKind | null {
  if (file.type.startsWith('image/')) return 'image';
  if (file.type.startsWith('video/')) return 'video';
  if (!file.type || file.type === 'application/octet-stream') {
    if (IMAGE_EXT.test(file.name)) return 'image';
    if (VIDEO_EXT.test(file.name)) return 'video';
  }
  return null;
}

/** Scale that fits width×height inside maxSide (never enlarges). */
export function fitScale(width: number, height: number, maxSide = MAX_IMAGE_SIDE): number {
  return Math.min(1, maxSide / Math.max(width, height));
}

export interface DecodedImage {
  /** The pixels to analyse, at most MAX_IMAGE_SIDE on the longest side. */
  canvas: HTMLCanvasElement;
  /** The file's own size. */
  width: number;
  height: number;
  /** canvas size / file size. */
  scale: number;
}

export async function decodeImageFile(file: File): Promise<DecodedImage> {
  if (file.size === 0) throw new CodedError('bad-file', `${file.name} is empty (0 bytes)`);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (e) {
    throw new CodedError('bad-file', `${file.name} could not be decoded as an image (${errorDetail(e)})`);
  }
  try {
    const scale = fitScale(bitmap.width, bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    return { canvas, width: bitmap.width, height: bitmap.height, scale };
  } finally {
    bitmap.close();
  }
}

/**
 * Checks that a video file plays (in a detached element, so what is on screen is untouched) and
 * returns an object URL for it; rejects with a clear message if it is empty or undecodable.
 */
export async function loadVideoFile(file: File): Promise<string> {
  if (file.size === 0) throw new CodedError('bad-file', `${file.name} is empty (0 bytes)`);
  const url = URL.createObjectURL(file);
  const probe = document.createElement('video');
  probe.muted = true;
  probe.preload = 'auto';
  try {
    await new Promise<void>((resolve, reject) => {
      probe.onloadeddata = () => resolve();
      probe.onerror = () => reject(new Error(probe.error?.message || `media error ${probe.error?.code ?? ''}`));
      probe.src = url;
    });
    if (!probe.videoWidth || !probe.videoHeight) throw new Error('it has no video track');
    return url;
  } catch (e) {
    URL.revokeObjectURL(url);
    throw new CodedError('bad-file', `${file.name} could not be played as a video (${errorDetail(e)})`);
  } finally {
    probe.removeAttribute('src');
    probe.load();
  }
}
