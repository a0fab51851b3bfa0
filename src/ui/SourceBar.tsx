import { useApp, useController } from './context';
import { sourceWords } from './plain-words';

/**
 * What the picture is: "Camera · FaceTime HD", "Photo · party.jpg", "Video · clip.webm" or the demo,
 * with "Back to the camera" when it is not the camera.
 */
export function SourceBar() {
  const controller = useController();
  const source = useApp((s) => s.source);
  const words = sourceWords(source);
  if (!words) return null;
  return (
    <div className="source-bar" data-testid="source" data-kind={source?.kind} data-live={words.live}>
      <span className="source-kind">{words.kind}</span> <span className="source-name">{words.name}</span>
      {source?.kind !== 'camera' && (
        <button
          type="button"
          data-testid="back-to-camera"
          onClick={() => {
            // Phase 2 wiring may offer a direct switch; today: stop what plays, then start the camera.
            controller.stop();
            void controller.start();
          }}
        >
          Back to the camera
        </button>
      )}
    </div>
  );
}
