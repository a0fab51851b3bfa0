// The engine in Node with fake models (as in src/pipeline's tests): one owner loads, moves between
// quality levels, reloads on another backend and disposes every model it loaded; settings are read
// when used, not before.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendChoice } from '../backend/backends';
import type { EmotionClassifier } from '../classify/classifier';
import { AutoFaceDetector } from '../detection/auto-detector';
import type { FaceDetector } from '../detection/face-detector';
import { CodedError } from '../faults/coded-error';
import { parseManifest, parseModelIndex, type ModelIndex } from '../models/manifest';
import { createAppStore } from '../store/app-store';
import { Engine, type EngineDeps } from './engine';
import { initialSettings, parseAppOptions } from './options';
import { PRELOAD_AFTER_FRAMES, WARM_FRAMES, type QualityState } from './quality-control';

// The shape of models/index.json: fast = mini, balanced = mini + big, best = both + mirror.
const level = (id: string, members: [string, number][], tta = 'none', msPerFace = 1) => ({
  id,
  members: members.map(([model, weight]) => ({ model, weight })),
  combine: 'logit',
  temperature: 1.2,
  tta,
  cost: { ms: 0, msPerFace },
});
const INDEX: ModelIndex = parseModelIndex({
  detectors: ['near', 'blazeface-full'],
  classifiers: ['mini', 'big'],
  defaults: { detector: 'near', classifier: 'big', quality: 'auto', autoStart: 'balanced' },
  quality: [level('fast', [['mini', 1]], 'none', 3), level('balanced', [['mini', 0.6], ['big', 0.4]], 'none', 10), level('best', [['mini', 0.5], ['big', 0.5]], 'flip', 20)],
});

/** Every fake model the loaders handed out, with how often each was disposed. */
interface Loaded {
  id: string;
  disposed: number;
  tensor: tf.Tensor;
}

function fakes(search = '', opts: { failClassifier?: boolean | string; gate?: Promise<void> } = {}) {
  const loaded: Loaded[] = [];
  const notices: string[] = [];
  const attempts: string[] = [];
  const quality: QualityState[] = [];
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
        attempts.push(id);
        if (id === 'big') await opts.gate;
        if (opts.failClassifier === true || opts.failClassifier === id) throw new Error(`404 ${id}/model.json`);
        const m = manifest(id);
        return { ...own(id), manifest: m, labels: m.labels } as unknown as EmotionClassifier;
      },
    },
    settings: () => store.getState().settings,
    pipelineOptions: options.pipeline,
    events: {
      progress: () => undefined,
      backend: () => undefined,
      classifier: () => undefined,
      notice: (text) => void (text && notices.push(text)),
      quality: (q) => void quality.push(q),
      mark: () => undefined,
    },
  };
  const userModel = () => {
    const m = manifest('mine');
    return { ...own('user'), manifest: m, labels: m.labels } as unknown as EmotionClassifier;
  };
  return { engine: new Engine(deps), loaded, store, backends, userModel, notices, quality, attempts };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Lets model loads started in the background (auto's next level) finish. */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('engine', () => {
  it('loads once: concurrent load() calls share one load', async () => {
    const { engine, loaded } = fakes();
    await Promise.all([engine.load(), engine.load()]);
    // auto starts with the lightest level (fast): one emotion model, once.
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini']);
    expect(engine.pipeline).not.toBeNull();
  });

  it('a backend move disposes every model it loaded, used or not, and leaks no tensor (bug 3)', async () => {
    const { engine, loaded, store, backends, userModel } = fakes();
    const before = tf.memory().numTensors;
    await engine.load();
    for (let i = 0; i < PRELOAD_AFTER_FRAMES; i++) await engine.afterFrame(0, 0, 10, 33); // auto's start level (balanced) loads now
    await settle();
    // The far-faces model loaded (a still image's sweep), far faces then off: loaded, not in use.
    await engine.detector!.sweepNext();
    store.getState().updateSettings({ farFaces: 'off' });
    await engine.applyDetectorSettings();
    // Quality moved to fast and back: no model loaded twice. Then a user model replaces the levels.
    store.getState().updateSettings({ quality: 'fast' });
    await engine.applyQualitySettings();
    store.getState().updateSettings({ quality: 'auto' });
    await engine.applyQualitySettings();
    engine.useUserModel(userModel());
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini', 'big', 'blazeface-full', 'user']);
    expect(tf.memory().numTensors).toBe(before + 5);

    store.getState().updateSettings({ backend: 'wasm' });
    await engine.reload();
    expect(backends).toEqual(['auto', 'wasm']);
    expect(loaded.slice(0, 5).map((m) => m.disposed)).toEqual([1, 1, 1, 1, 1]);
    expect(loaded.slice(5).map((m) => [m.id, m.disposed])).toEqual([['near', 0], ['mini', 0]]);
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
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini']); // changed in place: nothing loaded again
  });

  it('a far-faces model still loading when the backend moves is disposed once it arrives', async () => {
    const { engine, loaded } = fakes();
    const before = tf.memory().numTensors;
    await engine.load();
    const sweeping = engine.detector!.sweepNext(); // the far-faces model is loading
    await engine.reload();
    await sweeping;
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini', 'blazeface-full', 'near', 'mini']);
    // What the reload loaded is in use; the rest was disposed once, never twice.
    expect(loaded.filter((m) => m.disposed === 0).map((m) => m.id).sort()).toEqual(['mini', 'near']);
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

describe('engine: quality levels', () => {
  const levelOf = (e: Engine) => e.pipeline!.ensemble.level;
  /** Frames with these timings until auto decides (the first frames of a level are not timed). */
  const frames = async (e: Engine, faces: number, classifyMs: number, totalMs: number) => {
    for (let i = 0; i <= WARM_FRAMES; i++) await e.afterFrame(faces, classifyMs, totalMs, 33);
  };

  it('?quality=fast loads only the fast level\'s model and reports it; auto does not move it', async () => {
    const { engine, loaded, quality } = fakes('?quality=fast');
    await engine.load();
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini']);
    expect(levelOf(engine)).toBe('fast');
    expect(engine.qualityState).toMatchObject({ setting: 'fast', level: 'fast', reason: 'set to fast' });
    expect(quality.at(-1)).toMatchObject({ level: 'fast', levels: [{ id: 'fast' }, { id: 'balanced' }, { id: 'best' }] });
    await frames(engine, 0, 0, 10);
    expect(levelOf(engine)).toBe('fast');
  });

  it('a level whose model fails falls back to the next lighter one with a notice, never to no labels', async () => {
    const { engine, notices, attempts } = fakes('?quality=best', { failClassifier: 'big' });
    await engine.load();
    expect(levelOf(engine)).toBe('fast');
    expect(engine.pipeline!.labels).toEqual(['a', 'b']);
    expect(notices.join(' ')).toMatch(/Quality "best" could not load \(404 big\/model.json\): using "fast" instead/);
    expect(engine.qualityState).toMatchObject({ setting: 'best', level: 'fast' });
    expect(engine.qualityState!.reason).toMatch(/could not load/);
    const tries = attempts.filter((id) => id === 'big').length;
    // Auto does not ask for the broken level again on every frame.
    const f = fakes('', { failClassifier: 'big' });
    await f.engine.load();
    expect(levelOf(f.engine)).toBe('fast');
    // No face: auto would like its start level (balanced), then "best". big is tried in the
    // background after the first frame, then once more when auto asks for balanced; then never.
    for (let i = 0; i <= WARM_FRAMES + 1; i++) await f.engine.afterFrame(0, 0, 10, 33);
    const before = f.attempts.length;
    for (let i = 0; i < 20; i++) await f.engine.afterFrame(0, 0, 10, 33);
    expect(f.attempts.length).toBe(before);
    expect(levelOf(f.engine)).toBe('fast');
    expect(f.engine.qualityState!.reason).toMatch(/balanced could not load, so fast/);
    expect(tries).toBeGreaterThan(0);
  });

  it('no level at all loads: a model-load error', async () => {
    const { engine, loaded } = fakes('', { failClassifier: 'mini' });
    await expect(engine.load()).rejects.toMatchObject({ code: 'model-load' });
    expect(loaded.every((m) => m.disposed === 1)).toBe(true); // the detector and big are not leaked
  });

  it('auto moves between levels as faces come and go, loading no model twice and leaking no tensor', async () => {
    const { engine, loaded, quality } = fakes();
    const before = tf.memory().numTensors;
    await engine.load();
    expect(engine.qualityState).toMatchObject({ setting: 'auto', level: 'fast' });
    expect(engine.qualityState!.reason).toMatch(/starting with fast/);
    // Nothing timed yet, no face: auto moves to its start level (balanced) once its models are in.
    await frames(engine, 0, 0, 10);
    expect(levelOf(engine)).toBe('balanced');
    const v0 = engine.modelVersion;
    // 3 faces: balanced took 30 ms of a 33 ms frame with 10 ms of other work: too slow, fast fits.
    await engine.afterFrame(3, 300, 900, 33); // the first frames of a level are slow once: not timed
    expect(levelOf(engine)).toBe('balanced');
    await frames(engine, 3, 30, 40);
    expect(levelOf(engine)).toBe('fast');
    expect(engine.modelVersion).not.toBe(v0); // a frame computed across the move is dropped
    expect(engine.qualityState!.reason).toMatch(/^auto: 3 faces: fast takes about 9 ms of a 33 ms frame/);
    // The faces leave: the richest level is made ready for the next one.
    await frames(engine, 0, 0, 10);
    expect(levelOf(engine)).toBe('best');
    // One face, but best took 25 ms of the 18 ms left: balanced fits.
    await frames(engine, 1, 25, 35);
    expect(levelOf(engine)).toBe('balanced');
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini', 'big']);
    expect(tf.memory().numTensors).toBe(before + 3);
    expect(quality.map((q) => q.level)).toEqual(expect.arrayContaining(['balanced', 'fast', 'best']));
    engine.dispose();
    expect(loaded.every((m) => m.disposed === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a user\'s own model replaces the levels: auto stands still, the state says so, back to the level after', async () => {
    const { engine, loaded, userModel } = fakes();
    await engine.load();
    engine.useUserModel(userModel());
    expect(engine.qualityState).toMatchObject({ setting: 'auto', level: null });
    expect(engine.qualityState!.reason).toMatch(/your own model "mine" replaces the built-in models/);
    await frames(engine, 3, 30, 40);
    expect(engine.pipeline!.ensemble.manifest.id).toBe('mine');
    engine.useBuiltInModel();
    expect(levelOf(engine)).toBe('fast');
    expect(loaded.find((m) => m.id === 'user')!.disposed).toBe(1);
  });

  it('a level still loading when the engine is disposed is disposed when it arrives', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { engine, loaded, store } = fakes('?quality=fast', { gate });
    const before = tf.memory().numTensors;
    await engine.load();
    store.getState().updateSettings({ quality: 'balanced' });
    const moving = engine.applyQualitySettings();
    await Promise.resolve();
    engine.dispose();
    open();
    await moving.catch(() => undefined);
    expect(loaded.map((m) => [m.id, m.disposed])).toEqual([['near', 1], ['mini', 1], ['big', 1]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the newest quality setting wins over a level still loading for an older one', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { engine, store } = fakes('?quality=fast', { gate });
    await engine.load();
    store.getState().updateSettings({ quality: 'balanced' });
    const slow = engine.applyQualitySettings(); // big is held back
    await Promise.resolve();
    store.getState().updateSettings({ quality: 'fast' });
    await engine.applyQualitySettings();
    open();
    await slow;
    expect(levelOf(engine)).toBe('fast');
    expect(engine.qualityState).toMatchObject({ setting: 'fast', level: 'fast' });
  });

  it('an unknown ?quality= is reported and read as auto', async () => {
    const { engine, notices } = fakes('?quality=ultra');
    await engine.load();
    expect(notices.join(' ')).toMatch(/Quality "ultra" is not one of auto, fast, balanced, best: using auto/);
    expect(engine.qualityState).toMatchObject({ setting: 'auto', level: 'fast' });
  });

  it('auto\'s first label needs only the lightest level\'s model: its start level\'s models load once the first frame is shown (issue 14)', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { engine, loaded, attempts } = fakes('', { gate });
    // big is held back: the load (and so the first label) must not wait for it.
    await engine.load();
    expect(attempts).toEqual(['mini']);
    expect(levelOf(engine)).toBe('fast');
    // The first frame is shown; with the next one balanced's other model is asked for, in the background.
    await engine.afterFrame(2, 5, 15, 33);
    expect(attempts).toEqual(['mini']);
    await engine.afterFrame(2, 5, 15, 33);
    expect(attempts).toEqual(['mini', 'big']);
    expect(levelOf(engine)).toBe('fast'); // frames go on with fast while big loads
    open();
    await settle();
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini', 'big']);
    // Fast enough for balanced at 2 faces (fast took 5 ms, its prior 6): auto moves up, loading nothing again.
    await frames(engine, 2, 5, 15);
    expect(['balanced', 'best']).toContain(levelOf(engine));
    expect(attempts).toEqual(['mini', 'big']);
  });

  it('a big model arriving after dispose() is disposed, not kept (background load)', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const { engine, loaded } = fakes('', { gate });
    const before = tf.memory().numTensors;
    await engine.load();
    for (let i = 0; i < PRELOAD_AFTER_FRAMES; i++) await engine.afterFrame(1, 5, 15, 33); // big starts loading
    engine.dispose();
    open();
    await settle();
    expect(loaded.map((m) => [m.id, m.disposed])).toEqual([['near', 1], ['mini', 1], ['big', 1]]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a forced ?quality=balanced loads both its models before the first label', async () => {
    const { engine, loaded } = fakes('?quality=balanced');
    await engine.load();
    expect(loaded.map((m) => m.id)).toEqual(['near', 'mini', 'big']);
    expect(levelOf(engine)).toBe('balanced');
  });

  it('auto set again once its start level\'s models are in starts there, not at the lightest', async () => {
    const { engine, store } = fakes('?quality=balanced');
    await engine.load();
    store.getState().updateSettings({ quality: 'auto' });
    await engine.applyQualitySettings();
    expect(engine.qualityState).toMatchObject({ setting: 'auto', level: 'balanced' });
  });
});
