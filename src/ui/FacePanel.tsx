import { memo } from 'react';
import { labelColor } from '../overlay/colors';
import { inPictureOrder, isMirrored } from '../overlay/numbering';
import type { FaceResult } from '../pipeline/types';
import { useApp } from './context';

/** Above this many faces the cards show each face's three likeliest emotions only (all stay in the DOM). */
export const COMPACT_ABOVE = 6;

/**
 * One card per face (the QA contract: [data-testid="face-result"] with its probabilities), left to
 * right as on the picture and numbered like the boxes, from the same published frame.
 */
export function FacePanel() {
  const faces = useApp((s) => s.faces);
  const labels = useApp((s) => s.labels);
  const mirrored = useApp((s) => isMirrored(s.settings.mirror, s.source?.kind));
  const compact = faces.length > COMPACT_ABOVE;
  return (
    <section className={`face-panel${compact ? ' compact' : ''}`} aria-labelledby="faces-heading">
      <h2 id="faces-heading" className="panel-heading">
        Faces{faces.length > 0 ? ` (${faces.length})` : ''}
      </h2>
      {faces.length === 0 && <p className="muted">No face in view.</p>}
      {inPictureOrder(faces, mirrored).map((f, i) => (
        <FaceCard key={f.id} face={f} number={i + 1} labels={labels} compact={compact} />
      ))}
    </section>
  );
}

/** The labels of a face's `n` likeliest emotions. */
export function likeliest(face: FaceResult, labels: readonly string[], n: number): Set<string> {
  return new Set([...labels].sort((a, b) => (face.probs[b] ?? 0) - (face.probs[a] ?? 0)).slice(0, n));
}

const FaceCard = memo(function FaceCard({ face, number, labels, compact }: { face: FaceResult; number: number; labels: string[]; compact: boolean }) {
  // In a crowd a card shows the three likeliest emotions (in the model's order); the rest stay in the DOM, hidden.
  const shown = compact ? likeliest(face, labels, 3) : null;
  return (
    <article
      className="face-card"
      data-testid="face-result"
      data-face-id={face.id}
      data-face-number={number}
      data-emotion={face.emotion}
      data-score={face.score.toFixed(4)}
    >
      <h3>
        <span className="face-number" aria-hidden="true">{number}</span>
        <span className="sr-only">Face {number}:</span> <span style={{ color: labelColor(face.emotion, labels.indexOf(face.emotion)) }}>{face.emotion}</span>{' '}
        {Math.round(face.score * 100)}%
      </h3>
      <ul className="bars">
        {labels.map((label, i) => {
          const p = face.probs[label] ?? 0;
          return (
            <li key={label} data-testid={`prob-${label}`} data-value={p.toFixed(4)} hidden={shown ? !shown.has(label) : undefined}>
              <span className="bar-label">{label}</span>
              <span className="bar-track" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p * 100)} aria-label={label}>
                <span className="bar-fill" style={{ width: `${p * 100}%`, background: labelColor(label, i) }} />
              </span>
              <span className="bar-value">{Math.round(p * 100)}%</span>
            </li>
          );
        })}
      </ul>
    </article>
  );
});
