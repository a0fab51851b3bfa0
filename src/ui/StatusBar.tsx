import { selectFaceCount } from '../store/app-store';
import { useApp } from './context';

export function StatusBar() {
  const status = useApp((s) => s.status);
  const progress = useApp((s) => s.progress);
  const backend = useApp((s) => s.backend);
  const stats = useApp((s) => s.stats);
  const faces = useApp(selectFaceCount);

  return (
    <div className="status-bar">
      <span data-testid="status" data-state={status} role="status">
        {status === 'starting' ? progress || 'Starting…' : status}
      </span>
      <span data-testid="backend" data-backend={backend?.name ?? ''} title={backend?.reason}>
        Backend: {backend ? `${backend.name} (${backend.reason})` : '—'}
      </span>
      {status === 'running' && (
        <span data-testid="stats">
          {stats.fps.toFixed(1)} FPS · {stats.pipelineMs.toFixed(0)} ms/frame · {faces} face{faces === 1 ? '' : 's'}
        </span>
      )}
    </div>
  );
}
