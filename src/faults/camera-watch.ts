// Notices when the camera track ends: unplugged, permission revoked, or stopped by other code.
// Browsers fire 'ended' only when the *device* ends the track (MediaStreamTrack.stop() fires
// nothing), and some fire it late, so readyState is also polled: a dead camera must never leave
// a frozen picture without a message.

export interface TrackLike {
  readonly readyState: MediaStreamTrackState;
  addEventListener(type: 'ended', listener: () => void): void;
  removeEventListener(type: 'ended', listener: () => void): void;
}

/** Calls onEnded once when the track ends; returns a function that stops watching. */
export function watchTrack(track: TrackLike, onEnded: () => void, pollMs = 1000): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    stop();
    onEnded();
  };
  const timer = setInterval(() => {
    if (track.readyState === 'ended') fire();
  }, pollMs);
  track.addEventListener('ended', fire);
  function stop(): void {
    done = true;
    clearInterval(timer);
    track.removeEventListener('ended', fire);
  }
  return stop;
}
