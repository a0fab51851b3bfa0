// The engine in Node with fake models (as in src/pipeline's tests): one owner loads, reloads on
// another backend and disposes every model it loaded; settings are read when used, not before.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendChoice } from '../backend/backends';
import type { EmotionClassifier } from '../classify/classifier';
import { AutoFaceDetector } from '../detection/auto-detector';
import type { FaceDetector } from '../detection/face-detector';
import { CodedError } from '../faults/coded-error';
import { parseManifest, type ModelIndex } from '../models/manifest';
import { createAppStore } from '../store/app-store';
import { Engine, type EngineDeps } from './engine';
import { initialSettings, parseAppOptions } from './options';

const INDEX: ModelIndex = { detectors: ['near', 'blazeface-full'], classifiers: ['cnn'], defaults: { detector: 'near', classifier: 'cnn' } };

/** Every fake model the loaders handed out, with how often each was disposed. */
interface Loaded {
  id: string;
  disposed: number;
  tensor: tf.Tensor;
}

function fakes(search = '', opts: { failClassifier?: boolean } = {}) {
  const loaded: Loaded[] = [];
  const options = parseAppOptions(search);
  const store = createAppStore(initialSettings(options));
  const own = (id: string) => {
    // A real tensor per model: the tensor count shows what a missed dispose leaks.
    const m: Loaded = { id, disposed: 0, tensor: tf.zeros([2]) };
    loaded.push(m);
    return {
      dispose: () => {
        m.disposed++;
        if (!m.tensor.isDisposed) m.tensor.dispose();
      },
    };
  };
  const manifest = (id: string) =>
    parseManifest({ id, name: id, kind: 'classifier', format: 'graph', modelFile: 'm.json', input: { width: 4, height: 4, channels: 1 }, normalization: 'raw', labels: ['a', 'b'], licence: 'x' }, id);
  const backends: string[] = [];
  const deps: EngineDeps = {
    startBackend: async (pref) => {
      backends.push(pref);
      return { name: pref === 'auto' ? 'wasm' : pref, reason: 'test', failures: [] } as BackendChoice;
    },
    models: {
      index: async () => INDEX,
      // The app's real auto detector around fake models: the far one loads when first wanted.
      detector: async (ids, o) => {
        const face = (id: string) => ({ ...own(id), detect: async () => [] }) as unknown as FaceDetector;
        return new AutoFaceDetector(face(ids.near), async () => face(ids.far), o);
      },
      classifier: async (id: string) => {
        if (opts.failClassifier) throw new Error('404 model.json');
        const m = manifest(id);
        return { ...own(id), manifest: m, labels: m.labels } as unknown as EmotionClassifier;
      },
    },
    settings: () => store.getState().settings,
    pipelineOptions: options.pipeline,
    events: { progress: () => undefined, backend: () => undefined, classifier: () => undefined, notice: () => undefined, mark: () => undefined },
  };
  const userModel = () => {
    const m = manifest('mine');
    return { ...own('user'), manifest: m, labels: m.labels } as unknown as EmotionClassifier;
  };
  return { engine: new Engine(deps), loaded, store, backends, userModel };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('engine', () => {
  it('loads once: concurrent load() calls share one load', async () => {
    const { engine, loaded } = fakes();
    await Promise.all([engine.load(), engine.load()]);
    expect(loaded.map((m) => m.id)).toEqual(['near', 'cnn']);
    expect(engine.pipeline).not.toBeNull();
  });

  it('a backend move disposes every model it loaded, used or not, and leaks no tensor (bug 3)', async () => {
    const { engine, loaded, store, backends, userModel } = fakes();
    const before = tf.memory().numTensors;
    await engine.load();
    // The far-faces model loaded (a still image's sweep), far faces then off: loaded, not in use.
    // A user model replaces the built-in one.
    await engine.detector!.sweepNext();
    store.getState().updateSettings({ farFaces: 'off' });
    await engine.applyDetectorSettings();
    engine.useUserModel(userModel());
    expect(loaded.map((m) => m.id)).toEqual(['near', 'cnn', 'blazeface-full', 'user']);
    expect(tf.memory().numTensors).toBe(before + 4);

    store.getState().updateSettings({ backend: 'wasm' });
    await engine.reload();
    expect(backends).toEqual(['auto', 'wasm']);
    expect(loaded.slice(0, 4).map((m) => m.disposed)).toEqual([1, 1, 1, 1]);
    expect(loaded.slice(4).map((m) => [m.id, m.disposed])).toEqual([['near', 0], ['cnn', 0]]);
    expect(tf.memory().numTensors).toBe(before + 2);
    engine.dispose();
    expect(loaded.every((m) => m.disposed === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('?tta=flip reaches the pipeline, and stays on after a reload (bug 2)', async () => {
    const { engine } = fakes('?tta=flip&detectEvery=2');
    await engine.load();
    expect(engine.pipeline!.currentSettings).toMatchObject({ tta: 'flip', detectEvery: 2 });
    await engine.reload();
    expect(engine.pipeline!.currentSettings.tta).toBe('flip');
  });

  it('uses the settings as they are when loading, not as they were when load() was called (bug 4)', async () => {
    const { engine, loaded, store } = fakes();
    const loading = engine.load();
    store.getState().updateSettings({ farFaces: 'on', maxFaces: 7 }); // changed while the backend starts
    await loading;
    expect((engine.detector as AutoFaceDetector).currentOptions).toEqual({ far: 'on', maxFaces: 7 });
    store.getState().updateSettings({ farFaces: 'off' });
    expect(await engine.applyDetectorSettings()).toBe(true);
    expect((engine.detector as AutoFaceDetector).currentOptions.far).toBe('off');
    expect(loaded.map((m) => m.id)).toEqual(['near', 'cnn']); // changed in place: nothing loaded again
  });

  it('a far-faces model still loading when the backend moves is disposed once it arrives', async () => {
    const { engine, loaded } = fakes();
    const before = tf.memory().numTensors;
    await engine.load();
    const sweeping = engine.detector!.sweepNext(); // the far-faces model is loading
    await engine.reload();
    await sweeping;
    expect(loaded.map((m) => m.id)).toEqual(['near', 'cnn', 'blazeface-full', 'near', 'cnn']);
    // What the reload loaded is in use; the rest was disposed once, never twice.
    expect(loaded.filter((m) => m.disposed === 0).map((m) => m.id).sort()).toEqual(['cnn', 'near']);
    expect(loaded.every((m) => m.disposed <= 1)).toBe(true);
    engine.dispose();
    expect(loaded.every((m) => m.disposed === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('models that finish loading after a dispose are disposed, not kept', async () => {
    const { engine, loaded } = fakes();
    const loading = engine.load();
    engine.dispose();
    await expect(loading).rejects.toBeInstanceOf(CodedError);
    expect(loaded.length).toBeGreaterThan(0);
    expect(loaded.every((m) => m.disposed === 1)).toBe(true);
    expect(engine.pipeline).toBeNull();
  });

  it('a failed model load is a model-load error and is retried by the next load()', async () => {
    const f = fakes('', { failClassifier: true });
    await expect(f.engine.load()).rejects.toMatchObject({ code: 'model-load' });
    await expect(f.engine.load()).rejects.toMatchObject({ code: 'model-load' });
    expect(f.loaded.filter((m) => m.id === 'near').length).toBe(2);
    expect(f.loaded.every((m) => m.disposed === 1)).toBe(true); // what did load is not leaked
  });

  it('back to the built-in model disposes the user model', async () => {
    const { engine, loaded, userModel } = fakes();
    await engine.load();
    const v0 = engine.modelVersion;
    engine.useUserModel(userModel());
    expect(engine.usingUserModel).toBe(true);
    // A frame computed across the swap has the old labels: the version tells the app to drop it.
    expect(engine.modelVersion).not.toBe(v0);
    const v1 = engine.modelVersion;
    engine.useBuiltInModel();
    expect(engine.modelVersion).not.toBe(v1);
    expect(engine.usingUserModel).toBe(false);
    expect(loaded.find((m) => m.id === 'user')!.disposed).toBe(1);
    expect(engine.pipeline!.labels).toEqual(['a', 'b']);
  });
});
