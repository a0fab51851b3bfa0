import { useRef, useState } from 'react';
import { NORMALIZATIONS, type Normalization } from '../models/manifest';
import { buildManifest } from '../converter/manifest';
import { parseLabelList, prefillLabels } from '../user-model/describe';
import type { NormalizationGuess } from '../user-model/normalization-guess';
import type { ReadModel } from '../user-model/read-files';
import { useApp, useController } from './context';

const NORMALIZATION_TEXT: Record<Normalization, string> = {
  minus1to1: 'x/127.5 − 1 → [−1, 1]',
  zero1: 'x/255 → [0, 1]',
  raw: 'raw pixels 0..255',
};

/** "x/255: 4 different classes" — what each normalization did on the sample faces. */
function optionText(n: Normalization, guess: NormalizationGuess | null, labels: string[]): string {
  const s = guess?.scores.find((x) => x.normalization === n);
  if (!s) return NORMALIZATION_TEXT[n];
  const what = s.onlyClass !== undefined ? `every sample face: ${labels[s.onlyClass] ?? `class ${s.onlyClass + 1}`}` : `${s.classes} different classes on the sample faces`;
  return `${NORMALIZATION_TEXT[n]} (${what})`;
}

/**
 * "Use my model": a Keras .h5/.keras (plus architecture JSON for weights-only files) or a
 * TensorFlow.js folder, converted in the page; labels asked when unknown, and the normalization
 * found by running the model on the bundled sample faces.
 */
export function UserModelPanel() {
  const controller = useController();
  const classifier = useApp((s) => s.classifier);
  const panel = useRef<HTMLDetailsElement>(null);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [read, setRead] = useState<ReadModel | null>(null);
  const [fileName, setFileName] = useState('');
  const [labels, setLabels] = useState('');
  const [normalization, setNormalization] = useState<Normalization>('minus1to1');
  const [guess, setGuess] = useState<NormalizationGuess | null>(null);
  const [fold, setFold] = useState(true);

  const fail = (e: unknown) => {
    setError(e instanceof Error ? e.message : String(e));
    if (panel.current) panel.current.open = true; // the message shows next to the model, not lost below
  };

  const onFiles = async (files: File[]) => {
    setError('');
    setRead(null);
    setGuess(null);
    setFileName(files.map((f) => f.name).join(' + '));
    setBusy('Reading and converting…');
    try {
      // The Keras reader (tfjs-layers, the converter, HDF5) loads on first use, not with the page.
      const r = await (await import('../user-model/read-files')).readModelFiles(files, { fold });
      buildManifest(r, { sourceName: r.source }); // fails now, with the reason, if the app can't feed its input
      setLabels((r.manifest?.labels ?? prefillLabels(r.outputClasses)).join(', '));
      let chosen = r.manifest?.normalization;
      if (!chosen) {
        // A Keras file does not say how its pixels were scaled: try each way on the sample faces.
        setBusy('Trying the model on sample faces…');
        try {
          const g = await (await import('../user-model/check-normalization')).checkNormalizations(r, import.meta.env.BASE_URL);
          setGuess(g);
          chosen = g.best;
        } catch {
          // No sample faces (offline before they were cached): the user chooses unaided.
        }
      }
      setNormalization(chosen ?? 'minus1to1');
      setRead(r);
    } catch (e) {
      fail(e);
    } finally {
      setBusy('');
    }
  };

  const onUse = async () => {
    if (!read) return;
    setError('');
    setBusy('Testing the model…');
    try {
      const { manifest } = buildManifest(read, {
        sourceName: read.source,
        id: 'user-model',
        name: read.source,
        labels: parseLabelList(labels),
        normalization,
        convertedBy: 'Emotion Lens, in the browser',
      });
      await controller.userModels.use(read.model, { ...manifest, format: read.graph ? 'graph' : 'layers' });
      setRead(null);
    } catch (e) {
      fail(e);
    } finally {
      setBusy('');
    }
  };

  const labelList = parseLabelList(labels);
  const chosenScore = guess?.scores.find((s) => s.normalization === normalization);

  return (
    <details className="user-model" data-testid="user-model" ref={panel}>
      {/* Named like the button that opens it; the model in use follows. */}
      <summary>
        Use my own model{' '}
        <span className="in-use">
          · in use: <span data-testid="model-name">{classifier?.name ?? '…'}</span>
          {classifier && !classifier.builtIn && ' (your model)'}
        </span>
      </summary>
      <p className="muted">
        Use your own Keras emotion model (.h5 or .keras; add the architecture JSON file for a weights-only file) or a
        TensorFlow.js model folder. It is converted in this page and never leaves your device.
      </p>
      <p>
        <label>
          <input type="checkbox" data-testid="user-model-fold" checked={fold} onChange={(e) => setFold(e.target.checked)} /> Optimise
          for speed (merge batch normalization into the layer before it; same results)
        </label>
      </p>
      <input
        type="file"
        multiple
        data-testid="user-model-input"
        aria-label="Model files"
        accept=".h5,.hdf5,.keras,.json,.bin"
        onChange={(e) => {
          const files = Array.from(e.target.files ?? []);
          e.target.value = '';
          if (files.length) void onFiles(files);
        }}
      />
      {fileName && (
        <p data-testid="user-model-file">
          File: <strong>{fileName}</strong>
        </p>
      )}
      {busy && <p role="status">{busy}</p>}
      {error && (
        <p className="error" data-testid="user-model-error" role="alert">
          {error}
        </p>
      )}
      {read && (
        <form
          className="user-model-form"
          onSubmit={(e) => {
            e.preventDefault();
            void onUse();
          }}
        >
          <p data-testid="user-model-summary">
            {read.format}: input {read.inputShape.map((d) => d ?? '?').join('×')}, {read.outputClasses} classes
            {read.warnings.length > 0 && <> — {read.warnings.join('; ')}</>}
          </p>
          <label>
            Labels, in output order ({read.outputClasses}){' '}
            <input data-testid="user-model-labels" value={labels} onChange={(e) => setLabels(e.target.value)} size={60} required />
          </label>
          <label>
            Normalization used in training{' '}
            <select data-testid="user-model-normalization" value={normalization} onChange={(e) => setNormalization(e.target.value as Normalization)}>
              {NORMALIZATIONS.map((n) => (
                <option key={n} value={n}>
                  {optionText(n, guess, labelList)}
                </option>
              ))}
            </select>
          </label>
          {guess && !guess.allSame && (
            <p className="muted" data-testid="user-model-guess">
              Pre-selected after trying each normalization on the sample faces: with {NORMALIZATION_TEXT[guess.best]} they get
              the most different classes.
            </p>
          )}
          {guess?.allSame && (
            <p className="error" data-testid="user-model-same-class" role="alert">
              Every sample face gets the same class whatever normalization is chosen: this model may be untrained, or expect
              different input. Its results are unlikely to mean anything.
            </p>
          )}
          {guess && !guess.allSame && chosenScore?.onlyClass !== undefined && (
            <p className="error" data-testid="user-model-same-class" role="alert">
              With this normalization every sample face gets “{labelList[chosenScore.onlyClass] ?? `class ${chosenScore.onlyClass + 1}`}”:
              it is probably not the one the model was trained with.
            </p>
          )}
          <button type="submit" data-testid="user-model-use">
            Use this model
          </button>
        </form>
      )}
      {classifier && !classifier.builtIn && (
        <button type="button" data-testid="user-model-reset" onClick={() => void controller.userModels.useBuiltInModel()}>
          Back to the built-in model
        </button>
      )}
    </details>
  );
}
