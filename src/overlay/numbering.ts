// Face numbers as the viewer reads the picture: 1 is the leftmost face on screen. The boxes on the
// picture and the cards in the panel use these same numbers, computed from the same frame.
import type { Box } from '../detection/types';

interface Placed {
  id: number;
  /** In frame pixels, unmirrored. */
  box: Box;
}

/** Whether the picture is shown mirrored: only the live camera is (files and the demo never are). */
export function isMirrored(mirrorSetting: boolean, sourceKind: string | undefined): boolean {
  return mirrorSetting && sourceKind === 'camera';
}

/** The faces left to right as shown (a mirrored view reverses the frame's order); top to bottom on a tie. */
export function inPictureOrder<T extends Placed>(faces: readonly T[], mirrored: boolean): T[] {
  const centre = (f: Placed) => (f.box.x + f.box.width / 2) * (mirrored ? -1 : 1);
  return [...faces].sort((a, b) => centre(a) - centre(b) || a.box.y - b.box.y || a.id - b.id);
}

/** Face id → its number on screen (1-based, left to right). */
export function faceNumbers(faces: readonly Placed[], mirrored: boolean): Map<number, number> {
  return new Map(inPictureOrder(faces, mirrored).map((f, i) => [f.id, i + 1]));
}

/** Whether two frames hold the same faces (by id, in any order). */
export function sameFaceIds(a: readonly { id: number }[], b: readonly { id: number }[]): boolean {
  if (a.length !== b.length) return false;
  const ids = new Set(a.map((f) => f.id));
  return b.every((f) => ids.has(f.id));
}
