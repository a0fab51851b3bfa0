// The engine owns the tfjs backend and every model it loaded (detectors, the quality levels' emotion
// models through its QualityControl, a user's own model) and the pipeline built from them: it loads
// them once, moves between quality levels, reloads them on another backend and disposes all of them
// through one path. Plain TypeScript, no DOM: the browser passes http loaders, the Node tests fakes.
import type { BackendChoice } from '../backend/backends';
import type { EmotionClassifier } from '../classify/classifier';
import { autoDetectorOptions } from '../classroom/detector-settings';
import type { AppFaceDetector } from '../detection/auto-detector';
import { CodedError, errorDetail } from '../faults/coded-error';
import type { ModelIndex } from '../models/manifest';
import { EmotionPipeline, type PipelineSettings } from '../pipeline/pipeline';
import type { EngineDeps } from './engine-types';
import { pipelineLabelSettings } from './label-settings';
import { modelPlan } from './model-plan';
import { QualityControl, type LevelChoice, type QualityState } from './quality-control';

export type { EngineDeps, EngineEvents, ModelLoaders } from './engine-types';

export class Engine {
  private ready: Promise<void> | null = null;
  private index: ModelIndex | null = null;
  private faces: AppFaceDetector | null = null;
  private quality: QualityControl | null = null;
  private user: EmotionClassifier | null = null;
  private current: EmotionPipeline | null = null;
  /** Bumped by dispose(): a load or detector swap that started before it drops what it loaded. */
  private generation = 0;
  private models = 0;
  private shownQuality = '';

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
      // Owned from here: a dispose() during the load disposes what it loaded, even models still loading.
      const quality = (this.quality = new QualityControl(plan.levels, (id) => this.deps.models.classifier(id), plan.autoStart));
      const [d, l] = await Promise.allSettled([this.deps.models.detector(plan.detector, autoDetectorOptions(this.deps.settings())), quality.use(plan.setting, plan.start)]);
      if (d.status === 'rejected' || l.status === 'rejected' || gen !== this.generation) {
        if (d.status === 'fulfilled') d.value.dispose();
        if (this.quality === quality) this.quality = null;
        quality.dispose();
        throw d.status === 'rejected' ? d.reason : l.status === 'rejected' ? l.reason : new CodedError('model-load', 'the engine was reset while its models loaded');
      }
      this.faces = d.value;
      events.mark('models-ready');
      const notices = [plan.notice, l.value.notice].filter(Boolean);
      if (notices.length) events.notice(notices.join(' '));
      this.current = new EmotionPipeline(d.value, l.value.ensemble, this.pipelineSettings());
      this.publish();
      const saved = await this.deps.restoreUserModel?.();
      if (saved) this.adoptUser(gen, saved);
      await this.deps.afterLoad?.(this.current);
    } catch (e) {
      throw e instanceof CodedError ? e : new CodedError('model-load', errorDetail(e));
    }
  }

  /** Pipeline settings: the URL's over the defaults, then the user's label settings. */
  pipelineSettings(): Partial<PipelineSettings> {
    const o = this.deps.pipelineOptions;
    return { ...o, ...pipelineLabelSettings(this.deps.settings()) };
  }

  /** Applies changed label settings to the next frame. */
  configure(): void {
    this.current?.configure(this.pipelineSettings());
  }

  /**
   * Applies the far-faces and max-faces settings to the detector, in place (its full-range model
   * loads the first time far faces are wanted). Returns false if nothing is loaded yet.
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
    this.publish();
  }

  /** Back to the quality level's models; the user's model is disposed. */
  useBuiltInModel(): void {
    const level = this.quality?.ensemble;
    if (!this.current || !level) return;
    this.current.setClassifier(level);
    this.models++;
    this.user?.dispose();
    this.user = null;
    this.publish();
  }

  /** The quality level in use, the setting and why (window.emotionApp.getQuality()). */
  get qualityState(): QualityState | null {
    return this.quality?.state(this.user?.manifest.name ?? null) ?? null;
  }

  /** Applies a changed quality setting: loads the level (or a lighter one, with a notice) and swaps it in. */
  async applyQualitySettings(): Promise<void> {
    if (!this.ready) return;
    await this.ready;
    const gen = this.generation;
    const q = this.quality;
    if (!q || !this.index) return;
    const plan = modelPlan(this.index, this.deps.settings());
    if (plan.notice) this.deps.events.notice(plan.notice);
    const choice = await q.use(plan.setting, plan.start).catch((e: unknown) => {
      throw new CodedError('model-load', errorDetail(e));
    });
    // Settings changed again meanwhile: the newest call swaps in its level.
    if (modelPlan(this.index, this.deps.settings()).setting === plan.setting) await this.swapLevel(gen, choice);
  }

  /**
   * After each shown frame: "auto" records its timings and may move to another level (loaded and
   * warmed up while frames go on with the current one). Never throws.
   */
  async afterFrame(faces: number, classifyMs: number, totalMs: number, frameIntervalMs: number): Promise<void> {
    if (this.user || !this.quality?.isAuto) return;
    const gen = this.generation;
    try {
      const choice = await this.quality.afterFrame(faces, classifyMs, totalMs, frameIntervalMs);
      if (choice) await this.swapLevel(gen, choice);
      else this.publish(false);
    } catch (e) {
      // Not even the lightest level loads now: the level in use carries on.
      if (gen === this.generation) this.deps.events.notice(`Quality could not change (${errorDetail(e)}).`);
    }
  }

  private async swapLevel(gen: number, choice: LevelChoice): Promise<void> {
    if (choice.notice) this.deps.events.notice(choice.notice);
    if (gen !== this.generation || !this.current) return;
    await this.deps.warmUpLevel?.(this.current, choice.ensemble);
    if (gen !== this.generation || !this.current || this.quality?.ensemble !== choice.ensemble) return;
    // A user's model stays in use; the level is what "use the built-in model" goes back to.
    if (!this.user && this.current.ensemble !== choice.ensemble) {
      this.current.setClassifier(choice.ensemble);
      this.models++;
    }
    this.publish();
  }

  /** Tells the app which classifier and quality level are in use (the classifier only when asked). */
  private publish(classifier = true): void {
    const q = this.qualityState;
    const c = this.user ?? this.quality?.ensemble;
    const name = this.user?.manifest.name ?? this.quality?.levels.find((l) => l.id === q?.level)?.label ?? '';
    if (classifier && c) this.deps.events.classifier({ name, builtIn: !this.user, labels: c.labels, models: 'manifests' in c ? c.manifests : [c.manifest] });
    const key = JSON.stringify(q);
    if (q && key !== this.shownQuality) {
      this.shownQuality = key;
      this.deps.events.quality(q);
    }
  }

  /** Disposes every model the engine loaded (used or not) and forgets the pipeline. */
  dispose(): void {
    this.generation++;
    this.models++;
    const models = [...(this.faces ? [this.faces] : []), ...(this.quality ? [this.quality] : []), ...(this.user ? [this.user] : [])];
    this.faces = null;
    this.quality = null;
    this.user = null;
    this.shownQuality = '';
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
