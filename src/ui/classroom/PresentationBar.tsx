import { useApp, useController } from '../context';

/** The one strip shown in presentation mode: how to get help and out, and whether it is paused. */
export function PresentationBar() {
  const controller = useController();
  const paused = useApp((s) => s.paused);
  const setView = useApp((s) => s.setView);
  return (
    <div className="presentation-bar" data-testid="presentation-bar">
      {paused && (
        <strong className="paused-badge" data-testid="paused">
          ❚❚ Paused (Space)
        </strong>
      )}
      <button type="button" onClick={() => setView({ help: true })}>
        Shortcuts <kbd>?</kbd>
      </button>
      <button type="button" data-testid="leave-presentation" onClick={() => {
          controller.classroom.leavePresentation();
          if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
        }}
      >
        Leave <kbd>Esc</kbd>
      </button>
    </div>
  );
}
