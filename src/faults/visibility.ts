// Pauses the frame loop while the page is hidden (another tab, minimised window, locked screen):
// no inference runs for nobody, the laptop battery lasts the lesson, and the camera stays open so
// resuming is instant.

export interface VisibilitySource {
  readonly visibilityState: DocumentVisibilityState;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Calls onHidden / onVisible on each change of document.visibilityState; returns an unsubscribe. */
export function watchVisibility(doc: VisibilitySource, onHidden: () => void, onVisible: () => void): () => void {
  let hidden = doc.visibilityState === 'hidden';
  const listener = () => {
    const now = doc.visibilityState === 'hidden';
    if (now === hidden) return; // some browsers repeat the event without a change
    hidden = now;
    if (now) onHidden();
    else onVisible();
  };
  doc.addEventListener('visibilitychange', listener);
  return () => doc.removeEventListener('visibilitychange', listener);
}
