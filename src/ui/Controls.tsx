import { useApp, useController } from './context';

export function Controls() {
  const controller = useController();
  const status = useApp((s) => s.status);
  const mirror = useApp((s) => s.settings.mirror);
  const deviceId = useApp((s) => s.settings.deviceId);
  const cameras = useApp((s) => s.cameras);
  const updateSettings = useApp((s) => s.updateSettings);
  const running = status === 'running';

  return (
    <div className="controls" role="toolbar" aria-label="Camera controls">
      <button
        type="button"
        data-testid="start-stop"
        // During start-up this is Start, and pressing it again is a no-op (the same start).
        onClick={() => (running ? controller.stop() : void controller.start())}
        aria-busy={status === 'starting'}
      >
        {running ? 'Stop' : 'Start'}
      </button>
      <label className="file-button">
        Open image or video…
        <input
          type="file"
          data-testid="file-input"
          accept="image/*,video/*"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void controller.openFile(file);
            e.target.value = ''; // choosing the same file again still fires
          }}
        />
      </label>
      <label>
        <input
          type="checkbox"
          data-testid="mirror"
          checked={mirror}
          onChange={(e) => updateSettings({ mirror: e.target.checked })}
        />{' '}
        Mirror
      </label>
      <label>
        Camera{' '}
        <select
          data-testid="camera-select"
          value={deviceId ?? ''}
          disabled={cameras.length === 0}
          onChange={(e) => void controller.switchCamera(e.target.value)}
        >
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
}
