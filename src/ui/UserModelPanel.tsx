import { useState } from 'react';
import { NORMALIZATIONS, type Normalization } from '../models/manifest';
import { buildManifest } from '../converter/manifest';
import { parseLabelList, prefillLabels } from '../user-model/describe';
import type { ReadModel } from '../user-model/read-files';
import { useApp, useController } from './context';

const NORMALIZATION_TEXT: Record<Normalization, string> = {
  minus1to1: 'x/127.5 − 1 → [−1, 1]',
  zero1: 'x/255 → [0, 1]',
  raw: 'raw pixels 0..255',
};

/**
 * "Use my model": a Keras .h5/.keras (plus architecture JSON for weights-only files) or a
 * TensorFlow.js folder, converted in the page; labels and normalization asked when unknown.
 */
export function UserModelPanel() {
  const controller = useController();
  const classifier = useApp((s) => s.classifier);
  const [busy, setBusy] = useState('');
  const [error, setError] = useState('');
  const [read, setRead] = useState<ReadModel | null>(null);
  const [labels, setLabels] = useState('');
  const [normalization, setNormalization] = useState<Normalization>('minus1to1');

  const onFiles = async (files: File[]) => {
    setError('');
    setRead(null);
    setBusy('Reading and converting…');
    try {
      // The Keras reader (tfjs-layers, the converter, HDF5) loads on first use, not with the page.
      const r = await (await import('../user-model/read-files')).readModelFiles(files);
      buildManifest(r, { sourceName: r.source }); // fails now, with the reason, if the app can't feed its input
      setRead(r);
      setLabels((r.manifest?.labels ?? prefillLabels(r.outputClasses)).join(', '));
      setNormalization(r.manifest?.normalization ?? 'minus1to1');
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
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
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy('');
    }
  };

  return (
    <details className="user-model" data-testid="user-model">
      <summary>
        Model: <span data-testid="model-name">{classifier?.name ?? '…'}</span>
        {classifier && !classifier.builtIn && ' (your model)'}
      </summary>
      <p className="muted">
        Use your own Keras emotion model (.h5 or .keras; add the architecture JSON for a weights-only file) or a
        TensorFlow.js model folder. It is converted in this page and never leaves your device.
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
                  {NORMALIZATION_TEXT[n]}
                </option>
              ))}
            </select>
          </label>
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
