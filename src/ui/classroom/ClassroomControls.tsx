import { clampMaxFaces, parseFarFaces } from '../../classroom/detector-settings';
import { MAX_FACES_LIMIT } from '../../store/app-store';
import { useApp, useController } from '../context';

/** Classroom settings and actions, next to the camera controls (hidden in presentation mode). */
export function ClassroomControls() {
  const controller = useController();
  const farFaces = useApp((s) => s.settings.farFaces);
  const maxFaces = useApp((s) => s.settings.maxFaces);
  const moodPanel = useApp((s) => s.view.moodPanel);
  const running = useApp((s) => s.status === 'running');
  const demo = useApp((s) => s.source?.kind === 'demo');
  const updateSettings = useApp((s) => s.updateSettings);
  const setView = useApp((s) => s.setView);

  return (
    <div className="controls classroom-controls" role="toolbar" aria-label="Classroom">
      <button type="button" data-testid="presentation" onClick={() => enterPresentation(controller)}>
        Presentation mode <kbd>P</kbd>
      </button>
      <button type="button" data-testid="demo" onClick={() => void controller.playDemo()} disabled={demo}>
        Play the demo
      </button>
      <label title="Small faces at the back of a room (full-range detector on tiles of the frame). Auto: looked for when no face or only small ones are in view; on: always; off: never">
        Far faces{' '}
        <select data-testid="far-faces" value={farFaces} onChange={(e) => updateSettings({ farFaces: parseFarFaces(e.target.value) })}>
          <option value="auto">Auto</option>
          <option value="on">On</option>
          <option value="off">Off</option>
        </select>
      </label>
      <label>
        Max faces{' '}
        <input
          type="number"
          data-testid="max-faces"
          min={1}
          max={MAX_FACES_LIMIT}
          value={maxFaces}
          onChange={(e) => e.target.value !== '' && updateSettings({ maxFaces: clampMaxFaces(Number(e.target.value)) })}
        />
      </label>
      <button type="button" data-testid="mood-toggle" aria-pressed={moodPanel} onClick={() => setView({ moodPanel: !moodPanel })}>
        Class mood <kbd>C</kbd>
      </button>
      <button type="button" data-testid="snapshot" disabled={!running} onClick={() => void controller.snapshot()}>
        Snapshot <kbd>S</kbd>
      </button>
    </div>
  );
}

/** Presentation view, full screen when the browser allows it (needs a click or key press). */
export function enterPresentation(controller: ReturnType<typeof useController>): void {
  controller.classroom.enterPresentation();
  if (!document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => undefined);
}
