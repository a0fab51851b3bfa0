// Far faces need pixels: a face at the back of a room is ~15 px wide at 640×480 and ~30 px at
// 1280×720, where the tiled full-range detector finds it. The camera opens at 640×480 (fast);
// far-faces mode asks the running track for more, and going back asks for 640×480 again.
export const FAR_RESOLUTION = { width: 1280, height: 720 };
export const NEAR_RESOLUTION = { width: 640, height: 480 };

export async function setCameraResolution(track: MediaStreamTrack | undefined, farFaces: boolean): Promise<void> {
  if (!track || track.readyState !== 'live' || typeof track.applyConstraints !== 'function') return;
  const r = farFaces ? FAR_RESOLUTION : NEAR_RESOLUTION;
  try {
    await track.applyConstraints({ width: { ideal: r.width }, height: { ideal: r.height } });
  } catch {
    // A camera that cannot change keeps its current size; the detector still works on it.
  }
}
