import type { FrameResult } from './types';

/** The same results with boxes scaled (e.g. from an analysed, downscaled copy back to the file's pixels). */
export function scaleResult(result: FrameResult, factor: number): FrameResult {
  if (factor === 1) return result;
  return {
    ...result,
    width: Math.round(result.width * factor),
    height: Math.round(result.height * factor),
    faces: result.faces.map((f) => ({
      ...f,
      box: { x: f.box.x * factor, y: f.box.y * factor, width: f.box.width * factor, height: f.box.height * factor },
    })),
  };
}
