import { useApp } from './context';
import { aboutModel, percent } from './model-card';

/** "About this model": what it was trained on, its measured accuracy (with the command), where it is weak. */
export function ModelCard() {
  const classifier = useApp((s) => s.classifier);
  const level = useApp((s) => s.quality?.level ?? null);
  const main = classifier?.models[0];
  if (!classifier || !main) return null;
  const about = aboutModel(main);
  // A level that combines models credits each of them (name, who trained and converted it, licence).
  const members = classifier.models.length > 1 ? classifier.models.map(aboutModel) : [];
  // A built-in quality level may combine models: named as in use, with its main model's card.
  const shownName = classifier.builtIn && classifier.name ? classifier.name : about.name;
  return (
    <details className="model-card" data-testid="model-card" data-from-card={about.fromCard}>
      <summary>About this model: {shownName}</summary>
      {members.length > 0 ? (
        <div data-testid="model-card-members">
          <p>
            <strong>Combines {members.length} models</strong>, read together:
          </p>
          <ul>
            {members.map((m) => (
              <li key={m.name}>
                {m.name}
                {m.credits.length > 0 ? ` · ${m.credits.join(' · ')}` : ''} · Licence: {m.licence}
              </li>
            ))}
          </ul>
          <p>The training data and weaknesses below are those of the first, {about.name}; the accuracy rows per level are the combination's.</p>
        </div>
      ) : (
        shownName !== about.name && (
          <p>
            <strong>Main model</strong> {about.name}.
          </p>
        )
      )}
      {about.trainedOn && (
        <p>
          <strong>Trained on</strong> {about.trainedOn}.
        </p>
      )}
      {about.labels.length > 0 && (
        <p>
          <strong>Reads</strong> {about.labels.length} classes: {about.labels.join(', ')}.
        </p>
      )}
      {about.accuracy.length > 0 && (
        <table className="accuracy">
          <caption>Measured accuracy</caption>
          <thead>
            <tr>
              <th scope="col">Test set</th>
              <th scope="col">Accuracy</th>
              <th scope="col">Macro F1</th>
              <th scope="col">Measured with</th>
            </tr>
          </thead>
          <tbody>
            {about.accuracy.map((r) => (
              <tr key={`${r.dataset} ${r.level ?? ''} ${r.command}`} className={r.level && r.level === level ? 'in-use' : undefined}>
                <td>
                  {r.dataset}
                  {r.level ? ` (${r.level}${r.level === level ? ', in use' : ''})` : ''}
                </td>
                <td>{percent(r.accuracy)}</td>
                <td>{r.macroF1.toFixed(2)}</td>
                <td>
                  <code>{r.command}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {about.weaknesses.length > 0 ? (
        <>
          <p>
            <strong>Often wrong on:</strong>
          </p>
          <ul>
            {about.weaknesses.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">
          This model&apos;s manifest lists no measured accuracy or known weaknesses. Emotion models read the face only and are often
          wrong on faces unlike their training photos (posed expressions, turned heads, poor light, children).
        </p>
      )}
      {members.length === 0 && (
        <p className="muted">
          {about.credits.join(' · ')}
          {about.credits.length > 0 ? ' · ' : ''}Licence: {about.licence}
        </p>
      )}
    </details>
  );
}
