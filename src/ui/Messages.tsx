import { useApp, useController } from './context';

/** The error, if any, with what to do about it; and non-fatal notices. */
export function Messages() {
  const error = useApp((s) => s.error);
  const notice = useApp((s) => s.notice);
  const controller = useController();
  return (
    <>
      {error && (
        <div className="error" data-testid="error" data-code={error.code} role="alert">
          <strong>{error.title}.</strong> {error.hint}
          {error.detail && <div className="detail">Details: {error.detail}</div>}
          {error.code !== 'no-backend' && error.code !== 'insecure-context' && (
            <button type="button" onClick={() => void controller.start()}>
              Try again
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
