// A crowd is classified in turns: on frames where the detector does not run (every face is a
// followed track), at most `perFrame` faces go through the classifier, round robin; the others
// keep their smoothed label for that frame. With 20 faces and 5 per frame, each face is updated
// every 4 frames and a frame costs about 5 faces' classification instead of 20 (median frame with
// 19 faces about 1/3 of classifying all: README, Performance). Pure.
//
// Hook for quality levels: a crowd (more faces than perFrame) is also where the lightest model
// pays most; the app can switch the pipeline's classifier when isCrowd(faces) changes.

/** Default faces classified per followed frame (PipelineSettings.crowdPerFrame); 0 = all. */
export const CROWD_PER_FRAME = 5;

export function isCrowd(faces: number, perFrame = CROWD_PER_FRAME): boolean {
  return perFrame > 0 && faces > perFrame;
}

export class CrowdTurns {
  private cursor = 0;

  /** Indices (ascending) of the n faces to classify on this frame. */
  pick(n: number, perFrame: number): number[] {
    if (!isCrowd(n, perFrame)) return Array.from({ length: n }, (_, i) => i);
    const start = this.cursor % n;
    this.cursor = (start + perFrame) % n;
    return Array.from({ length: perFrame }, (_, k) => (start + k) % n).sort((a, b) => a - b);
  }

  reset(): void {
    this.cursor = 0;
  }
}
