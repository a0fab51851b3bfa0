import { useEffect, useRef } from 'react';
import { useApp, useController } from './context';

/** The video with the overlay canvas on top; per-frame drawing happens on the canvas, not here. */
export function Stage() {
  const controller = useController();
  const mirror = useApp((s) => s.settings.mirror);
  const status = useApp((s) => s.status);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (video.current && canvas.current) controller.attach(video.current, canvas.current);
  }, [controller]);

  return (
    <div className="stage" data-mirrored={mirror}>
      <video ref={video} className={mirror ? 'mirrored' : ''} muted playsInline aria-label="Camera view" />
      <canvas ref={canvas} className="overlay" aria-hidden="true" />
      {status !== 'running' && <div className="stage-placeholder">{status === 'starting' ? 'Starting…' : 'Camera off'}</div>}
    </div>
  );
}
