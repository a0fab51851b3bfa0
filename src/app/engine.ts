// The engine owns the tfjs backend and every model it loaded (detectors, built-in emotion models,
// a user's own model) and the pipeline built from them: it loads them once, reloads them on
// another backend and disposes all of them through one path. Plain TypeScript, no DOM: the
// browser passes http loaders, the Node tests pass fakes.
import type { BackendChoice, BackendPreference } from '../backend/backends';
import type { EmotionClassifier } from '../classify/classifier';
import { autoDetectorOptions } from '../classroom/detector-settings';
import type { AppFaceDetector, AutoDetectorOptions } from '../detection/auto-detector';
import { CodedError, errorDetail } from '../faults/coded-error';
import type { ModelIndex, ModelManifest } from '../models/manifest';
import { EmotionPipeline, type PipelineSettings } from '../pipeline/pipeline';
import type { Settings } from '../store/app-store';
import { pipelineLabelSettings } from './label-settings';
import { modelPlan } from './model-plan';

/** How models are fetched: over http in the page, from fakes or files in Node. */
export interface ModelLoaders {
  index(): Promise<ModelIndex>;
  /** The app's detector: the short-range model now, the full-range one when far faces are first wanted. */
  detector(ids: { near: string; far: string }, options: AutoDetectorOptions): Promise<AppFaceDetector>;
  classifier(id: string): Promise<EmotionClassifier>;
}

/** What the engine tells the app (the façade words it into the store). */
export interface EngineEvents {
  progress(step: string): void;
  backend(choice: BackendChoice): void;
  /** The emotion model in use changed (labels may differ). */
  classifier(c: { name: string; builtIn: boolean; labels: string[]; manifest: ModelManifest }): void;
  notice(text: string | null): void;
  /** A start-up step (User Timing mark), for the bench and the performance panel. */
  mark(step: string): void;
}

export interface EngineDeps {
  startBackend(pref: BackendPreference): Promise<BackendChoice>;
  models: ModelLoaders;
  /** The current settings, read at each use (never a copy taken before an await). */
  settings(): Settings;
  /** Pipeline settings from the URL (?detectEvery=, ?tta=, ?alignEyes=), over its defaults. */
  pipelineOptions: Partial<PipelineSettings>;
  events: EngineEvents;
  /** The user's saved model, if any (IndexedDB in the page); a failure is reported, not thrown. */
  restoreUserModel?(): Promise<EmotionClassifier | null>;
  /** Runs after each load (the page warms up WebGL and watches for a lost context). */
  afterLoad?(pipeline: EmotionPipeline): Promise<void>;
}

export class Engine {
  private ready: Promise<void> | null = null;
  private index: ModelIndex | null = null;
  private faces: AppFaceDetector | null = null;
  private readonly builtIn = new Map<string, EmotionClassifier>();
  private user: EmotionClassifier | null = null;
  private current: EmotionPipeline | null = null;
  /** Bumped by dispose(): a load or detector swap that started before it drops what it loaded. */
  private generation = 0;
  private models = 0;

  constructor(private readonly deps: EngineDeps) {}

  /** The pipeline once loaded (null before, and between a dispose and the next load). */
  get pipeline(): EmotionPipeline | null {
    return this.current;
  }

  /** The face detector once loaded (far-face state, a still image's sweep, a new source's reset). */
  get detector(): AppFaceDetector | null {
    return this.faces;
  }

  /** Changes whenever the models in use change: a result computed across a change is stale. */
  get modelVersion(): number {
    return this.models;
  }

  get usingUserModel(): boolean {
    return this.user !== null;
  }

  /** Starts the backend and loads the models once; later calls share the same promise. */
  load(): Promise<void> {
    if (!this.ready) {
      const loading = this.doLoad();
      this.ready = loading;
      // A failed model load may work on retry (a network blip); a backend that failed will not.
      loading.catch((e: unknown) => {
        if (this.ready === loading && !(e instanceof CodedError && e.code === 'no-backend')) this.ready = null;
      });
    }
    return this.ready;
  }

  private async doLoad(): Promise<void> {
    const { events } = this.deps;
    const gen = this.generation;
    events.progress('Starting TensorFlow.js…');
    let backend: BackendChoice;
    try {
      backend = await this.deps.startBackend(this.deps.settings().backend);
    } catch (e) {
      throw new CodedError('no-backend', errorDetail(e));
    }
    events.mark('backend-ready');
    events.backend(backend);
    events.progress('Loading models…');
    try {
      this.index ??= await this.deps.models.index();
      const plan = modelPlan(this.index, this.deps.settings());
      const [detector, ...classifiers] = await allOrDispose<AppFaceDetector | EmotionClassifier>([
        this.deps.models.detector(plan.detector, autoDetectorOptions(this.deps.settings())),
        ...plan.classifiers.map((id) => this.deps.models.classifier(id)),
      ]) as [AppFaceDetector, ...EmotionClassifier[]];
      this.adopt(gen, detector, plan.classifiers.map((id, i) => [id, classifiers[i]]));
      events.mark('models-ready');
      const main = classifiers[0];
      this.current = new EmotionPipeline(detector, main, this.pipelineSettings());
      events.classifier({ name: main.manifest.name, builtIn: true, labels: main.labels, manifest: main.manifest });
      const saved = await this.deps.restoreUserModel?.();
      if (saved) this.adoptUser(gen, saved);
      await this.deps.afterLoad?.(this.current);
    } catch (e) {
      throw e instanceof CodedError ? e : new CodedError('model-load', errorDetail(e));
    }
  }

  /** Takes ownership of loaded models, or disposes them when the engine was disposed meanwhile. */
  private adopt(gen: number, detector: AppFaceDetector, classifiers: [string, EmotionClassifier][]): void {
    if (gen !== this.generation) {
      for (const m of [detector, ...classifiers.map(([, c]) => c)]) m.dispose();
      throw new CodedError('model-load', 'the engine was reset while its models loaded');
    }
    this.faces = detector;
    for (const [id, c] of classifiers) this.builtIn.set(id, c);
  }

  /** Pipeline settings: the URL's over the defaults, then the user's label settings. */
  pipelineSettings(): Partial<PipelineSettings> {
    const o = this.deps.pipelineOptions;
    return { ...o, ...pipelineLabelSettings(this.deps.settings(), o.tta) };
  }

  /** Applies changed label settings to the next frame. */
  configure(): void {
    this.current?.configure(this.pipelineSettings());
  }

  /**
   * Applies the far-faces and max-faces settings to the detector, in place (its full-range model
   * loads the first time far faces are wanted). Returns false if nothing is loaded yet (the load
   * reads the settings).
   */
  async applyDetectorSettings(): Promise<boolean> {
    if (!this.ready) return false;
    await this.ready;
    if (!this.faces) return false;
    this.faces.configure(autoDetectorOptions(this.deps.settings()));
    return true;
  }

  /** Switches to a user's own emotion model; the engine owns it from now on. */
  useUserModel(classifier: EmotionClassifier): void {
    this.adoptUser(this.generation, classifier);
  }

  private adoptUser(gen: number, classifier: EmotionClassifier): void {
    if (gen !== this.generation || !this.current) {
      classifier.dispose();
      throw new CodedError('model-load', 'the engine is not loaded');
    }
    const previous = this.user;
    this.user = classifier;
    this.current.setClassifier(classifier);
    this.models++;
    previous?.dispose();
    this.deps.events.classifier({ name: classifier.manifest.name, builtIn: false, labels: classifier.labels, manifest: classifier.manifest });
  }

  /** Back to the built-in model; the user's model is disposed. */
  useBuiltInModel(): void {
    const main = this.builtIn.values().next().value;
    if (!this.current || !main) return;
    this.current.setClassifier(main);
    this.models++;
    this.user?.dispose();
    this.user = null;
    this.deps.events.classifier({ name: main.manifest.name, builtIn: true, labels: main.labels, manifest: main.manifest });
  }

  /** Disposes every model the engine loaded (used or not) and forgets the pipeline. */
  dispose(): void {
    this.generation++;
    this.models++;
    const models = [...(this.faces ? [this.faces] : []), ...this.builtIn.values(), ...(this.user ? [this.user] : [])];
    this.faces = null;
    this.builtIn.clear();
    this.user = null;
    this.ready = null;
    this.current = null;
    for (const m of models) {
      try {
        m.dispose();
      } catch {
        // a lost WebGL context's textures are gone already
      }
    }
  }

  /** Disposes everything and loads again on the backend the settings now name. */
  reload(): Promise<void> {
    this.dispose();
    return this.load();
  }
}

/** Like Promise.all, but when one load fails the models that did load are disposed. */
async function allOrDispose<T extends { dispose(): void }>(loads: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(loads);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (!failed) return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
  for (const r of settled) if (r.status === 'fulfilled') r.value.dispose();
  throw failed.reason;
}
