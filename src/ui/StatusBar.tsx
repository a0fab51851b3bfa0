import { useState } from 'react';
import { selectFaceCount, type AppStatus } from '../store/app-store';
import { useApp } from './context';
import { backendSummary, qualityReasonWords, qualitySummary } from './plain-words';

const STATE_WORDS: Record<Exclude<AppStatus, 'starting'>, (live: boolean) => string> = {
  idle: () => 'Stopped',
  running: (live) => (live ? 'Live' : 'Photo analysed'),
  error: () => 'Stopped (see the message above)',
};

/** One short line on what the app is doing; the technical backend detail is one click away. */
export function StatusBar() {
  const status = useApp((s) => s.status);
  const progress = useApp((s) => s.progress);
  const backend = useApp((s) => s.backend);
  const stats = useApp((s) => s.stats);
  const quality = useApp((s) => s.quality);
  const faces = useApp(selectFaceCount);
  const live = useApp((s) => s.source?.kind !== 'image');
  const [details, setDetails] = useState(false);

  return (
    <div className="status-bar">
      <span data-testid="status" data-state={status} role="status">
        {status === 'starting' ? progress || 'Starting…' : STATE_WORDS[status](live)}
      </span>
      {status === 'running' && live && (
        <span data-testid="stats">
          {stats.fps.toFixed(1)} FPS · {stats.pipelineMs.toFixed(0)} ms/frame · {faces} face{faces === 1 ? '' : 's'}
        </span>
      )}
      <span data-testid="backend" data-backend={backend?.name ?? ''} title={backend?.reason}>
        {backend ? backendSummary(backend.name, backend.reason) : 'Models not loaded yet'}
      </span>
      {quality && (
        <span data-testid="quality" data-level={quality.level ?? ''} data-setting={quality.setting}>
          {qualitySummary(quality)}
          <span className="quality-reason" data-testid="quality-reason">
            {' — '}
            {qualityReasonWords(quality.reason, live)}
          </span>
        </span>
      )}
      {backend && (
        <button type="button" className="link-button" data-testid="backend-details-toggle" aria-expanded={details} onClick={() => setDetails(!details)}>
          {details ? 'Hide details' : 'Details'}
        </button>
      )}
      {details && backend && (
        <span className="backend-detail" data-testid="backend-details">
          Backend: {backend.name} ({backend.reason})
          {quality && (
            <>
              <br />
              Quality {quality.level ?? 'your own model'}: {quality.reason}
            </>
          )}
        </span>
      )}
    </div>
  );
}
