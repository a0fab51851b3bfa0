// Test-time augmentation modes (pure, no tfjs: the model index parser and the boot script use it).

/**
 * Test-time augmentation: 'none' = one view; 'flip' = the crop and its mirror image;
 * 'flip-zoom' = the crop zoomed in/out by 8 % as well, each with its mirror (6 views).
 */
export type TtaMode = 'none' | 'flip' | 'flip-zoom';
export const TTA_MODES: readonly TtaMode[] = ['none', 'flip', 'flip-zoom'];

/** Scale factors applied to the crop side, per TTA mode (before mirroring). */
export function ttaScales(mode: TtaMode): number[] {
  return mode === 'flip-zoom' ? [1, 0.92, 1.08] : [1];
}

/** How many views per face a mode produces (the batch is n·views). */
export function ttaViews(mode: TtaMode): number {
  return ttaScales(mode).length * (mode === 'none' ? 1 : 2);
}
