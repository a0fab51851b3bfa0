import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useApp, useController } from './context';

/**
 * The video (or a still image) with the overlay canvas on top; per-frame drawing happens on the
 * canvas, not here. Files dropped on it are analysed like the camera.
 */
export function Stage() {
  const controller = useController();
  const mirror = useApp((s) => s.settings.mirror);
  const status = useApp((s) => s.status);
  const source = useApp((s) => s.source?.kind);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const still = useRef<HTMLCanvasElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (video.current && canvas.current && still.current) controller.attach(video.current, canvas.current, still.current);
  }, [controller]);

  const mirrored = mirror && source === 'camera';
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void controller.openFile(file);
  };

  return (
    <div
      className={`stage${dragging ? ' dragging' : ''}`}
      data-testid="stage"
      data-source={source ?? ''}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <video ref={video} className={mirrored ? 'mirrored' : ''} hidden={source === 'image'} muted playsInline aria-label="Camera or video" />
      <canvas ref={still} className="still" hidden={source !== 'image'} aria-label="Analysed image" />
      <canvas ref={canvas} className="overlay" aria-hidden="true" />
      {status !== 'running' && (
        <div className="stage-placeholder">
          {status === 'starting' ? 'Starting…' : 'Camera off — press Start, or drop an image or video here'}
        </div>
      )}
      {dragging && <div className="stage-placeholder drop-hint">Drop to analyse</div>}
    </div>
  );
}
