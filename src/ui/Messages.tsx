import type { AppErrorCode } from '../faults/coded-error';
import { errorMessage } from './error-messages';
import { useApp, useController } from './context';

/** Errors after which the built-in demo clip can stand in for the camera. */
const DEMO_INSTEAD: ReadonlySet<AppErrorCode> = new Set(['camera-denied', 'no-camera', 'camera-in-use', 'camera-ended', 'no-camera-api', 'insecure-context']);

/** The error, if any, with what to do about it; and non-fatal notices. */
export function Messages() {
  const error = useApp((s) => s.error);
  const notice = useApp((s) => s.notice);
  const controller = useController();
  const status = useApp((s) => s.status);
  const dismiss = useApp((s) => s.dismissError);
  return (
    <>
      {error && (
        <div className="error" data-testid="error" data-code={error.code} role="alert">
          <strong>{errorMessage(error.code).title}.</strong> {errorMessage(error.code).hint}
          {error.detail && <div className="detail">Details: {error.detail}</div>}
          {status === 'error' && error.code !== 'no-backend' && error.code !== 'insecure-context' && (
            <button type="button" data-testid="retry" onClick={() => void controller.start()}>
              {error.code === 'camera-ended' ? 'Reconnect camera' : 'Try again'}
            </button>
          )}
          {status === 'error' && DEMO_INSTEAD.has(error.code) && (
            <button type="button" className="demo-instead" data-testid="play-demo" onClick={() => void controller.playDemo()}>
              Play the demo instead
            </button>
          )}
          {status !== 'error' && (
            <button type="button" className="dismiss" onClick={dismiss}>
              Dismiss
            </button>
          )}
        </div>
      )}
      {notice && (
        <div className="notice" data-testid="notice" role="note">
          {notice}
        </div>
      )}
    </>
  );
}
