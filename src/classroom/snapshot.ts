// Snapshot: the frame on screen with its overlays as one PNG, mirrored as the viewer sees it.
// The overlay canvas is already drawn mirrored; only the video is flipped here, as CSS does.

export type SnapshotSource = HTMLVideoElement | HTMLCanvasElement;

function sourceSize(src: SnapshotSource): [number, number] {
  return src instanceof HTMLVideoElement ? [src.videoWidth, src.videoHeight] : [src.width, src.height];
}

/** Composites the frame and the overlay at the frame's own size; null when there is no frame. */
export function composeSnapshot(src: SnapshotSource, overlay: HTMLCanvasElement, mirror: boolean): HTMLCanvasElement | null {
  const [w, h] = sourceSize(src);
  if (!w || !h) return null;
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h;
  const ctx = out.getContext('2d')!;
  ctx.save();
  if (mirror) {
    ctx.translate(w, 0);
    ctx.scale(-1, 1);
  }
  ctx.drawImage(src, 0, 0, w, h);
  ctx.restore();
  if (overlay.width && overlay.height) ctx.drawImage(overlay, 0, 0, w, h);
  return out;
}

export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The snapshot could not be encoded'))), 'image/png'),
  );
}
