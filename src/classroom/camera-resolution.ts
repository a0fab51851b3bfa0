// Far faces need pixels: a face at the back of a room is ~15 px wide at 640×480 and ~30 px at
// 1280×720, where the tiled full-range detector finds it. The camera opens at 640×480 (fast); when
// far faces are looked for (far faces "on", or "auto" with no face or only small ones in view) the
// running track is asked for more, and for 640×480 again once only near faces have been seen for a while.
export const FAR_RESOLUTION = { width: 1280, height: 720 };
export const NEAR_RESOLUTION = { width: 640, height: 480 };
/** Back to the small picture only after this long without a reason for the big one (no flapping). */
export const NEAR_AFTER_MS = 10_000;

export async function setCameraResolution(track: MediaStreamTrack | undefined, high: boolean): Promise<void> {
  if (!track || track.readyState !== 'live' || typeof track.applyConstraints !== 'function') return;
  const r = high ? FAR_RESOLUTION : NEAR_RESOLUTION;
  try {
    await track.applyConstraints({ width: { ideal: r.width }, height: { ideal: r.height } });
  } catch {
    // A camera that cannot change keeps its current size; the detector still works on it.
  }
}

/**
 * Decides when to ask the camera for the big or the small picture: up at once when far faces are
 * wanted, down after NEAR_AFTER_MS without. Pure (the caller applies it with setCameraResolution).
 */
export class ResolutionFollower {
  private high = false;
  private lastWanted = -Infinity;

  constructor(private readonly nearAfterMs = NEAR_AFTER_MS) {}

  /** The camera opened at the small picture, or was just asked for the big one (`high`). */
  reset(high = false): void {
    this.high = high;
    this.lastWanted = -Infinity;
  }

  /** Called per frame; returns the resolution to ask for now (true = big), or null to leave it. */
  update(nowMs: number, wantHigh: boolean): boolean | null {
    if (wantHigh) this.lastWanted = nowMs;
    const next = wantHigh || (this.high && nowMs - this.lastWanted < this.nearAfterMs);
    if (next === this.high) return null;
    this.high = next;
    return next;
  }
}
