import { useEffect, useState, type ReactNode } from 'react';
import { useApp, useController } from './context';

/** Opens the "Use my own model" panel (rendered in the settings, id "own-model") and moves focus to it. */
function openOwnModelPanel(): void {
  const panel = document.querySelector<HTMLDetailsElement>('#own-model details');
  if (!panel) return;
  panel.open = true;
  panel.scrollIntoView({ block: 'center' });
  panel.querySelector<HTMLElement>('summary')?.focus();
}

/** Wide enough to show every option without folding them away (tablets in portrait fold them, like phones). */
const WIDE = '(min-width: 901px)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window.matchMedia !== 'function' || window.matchMedia(query).matches);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    onChange();
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/**
 * The main controls (start/stop, open a file, own model), then the options (mirror, camera) and
 * `more` (classroom). On narrow screens the options fold into "More options" under a compact bar.
 */
export function Controls({ more }: { more?: ReactNode }) {
  const controller = useController();
  const status = useApp((s) => s.status);
  const mirror = useApp((s) => s.settings.mirror);
  const deviceId = useApp((s) => s.settings.deviceId);
  const cameras = useApp((s) => s.cameras);
  const updateSettings = useApp((s) => s.updateSettings);
  const running = status === 'running';
  const photo = useApp((s) => s.source?.kind === 'image');
  // Mirror and the camera picker belong to the camera: hidden while a photo, a video or the demo plays.
  const cameraOptions = useApp((s) => !s.source || s.source.kind === 'camera');
  const wide = useMediaQuery(WIDE);

  const options = cameraOptions && (
    <div className="controls" role="toolbar" aria-label="Camera options">
      <label className="check">
        <input type="checkbox" data-testid="mirror" checked={mirror} onChange={(e) => updateSettings({ mirror: e.target.checked })} />
        Mirror
      </label>
      <label className="camera-picker">
        Camera
        <select data-testid="camera-select" value={deviceId ?? ''} disabled={cameras.length === 0} onChange={(e) => void controller.switchCamera(e.target.value)}>
          {cameras.length === 0 && <option value="">(start to list cameras)</option>}
          {cameras.map((c) => (
            <option key={c.deviceId} value={c.deviceId}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );

  return (
    <>
      <div className="control-row">
        <div className="controls main-controls" role="toolbar" aria-label="Camera controls">
          <button
            type="button"
            className="primary"
            data-testid="start-stop"
            // During start-up this is Start, and pressing it again is a no-op (the same start).
            onClick={() => (running ? controller.stop() : void controller.start())}
            aria-busy={status === 'starting'}
          >
            {running ? (photo ? 'Close photo' : 'Stop') : 'Start'}
          </button>
          <label className="file-button">
            <span>
              Open<span className="wide-only"> image or video</span>…
            </span>
            <input
              type="file"
              data-testid="file-input"
              aria-label="Open an image or video"
              accept="image/*,video/*"
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void controller.openFile(file);
                e.target.value = ''; // choosing the same file again still fires
              }}
            />
          </label>
          <button type="button" data-testid="open-own-model" aria-controls="own-model" onClick={openOwnModelPanel}>
            Use my own model
          </button>
        </div>
        {wide && options}
      </div>
      {wide ? (
        more
      ) : (
        <details className="more-controls">
          <summary>More options</summary>
          {options}
          {more}
        </details>
      )}
    </>
  );
}
