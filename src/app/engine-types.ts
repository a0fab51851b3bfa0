// What the engine is given (types only): its model loaders, the events it reports and the
// page's hooks. The browser passes http loaders (page-engine.ts), the Node tests fakes.
import type { BackendChoice, BackendPreference } from '../backend/backends';
import type { EmotionClassifier } from '../classify/classifier';
import type { EmotionEnsemble } from '../classify/ensemble';
import type { AppFaceDetector, AutoDetectorOptions } from '../detection/auto-detector';
import type { ModelIndex, ModelManifest } from '../models/manifest';
import type { EmotionPipeline, PipelineSettings } from '../pipeline/pipeline';
import type { Settings } from '../store/app-store';
import type { QualityState } from './quality-control';

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
  classifier(c: { name: string; builtIn: boolean; labels: string[]; models: ModelManifest[] }): void;
  notice(text: string | null): void;
  /** The quality level in use, the setting and why (shown next to the backend). */
  quality(state: QualityState): void;
  /** A start-up step (User Timing mark), for the bench and the performance panel. */
  mark(step: string): void;
}

export interface EngineDeps {
  startBackend(pref: BackendPreference): Promise<BackendChoice>;
  models: ModelLoaders;
  /** The current settings, read at each use (never a copy taken before an await). */
  settings(): Settings;
  /** Pipeline settings from the URL (?detectEvery=, ?tta= for a user's model, ?alignEyes=), over its defaults. */
  pipelineOptions: Partial<PipelineSettings>;
  events: EngineEvents;
  /** The user's saved model, if any (IndexedDB in the page); a failure is reported, not thrown. */
  restoreUserModel?(): Promise<EmotionClassifier | null>;
  /** Runs after each load (the page warms up WebGL and watches for a lost context). */
  afterLoad?(pipeline: EmotionPipeline): Promise<void>;
  /** Runs before another quality level is swapped in (the page compiles its WebGL shaders). */
  warmUpLevel?(pipeline: EmotionPipeline, ensemble: EmotionEnsemble): Promise<void>;
}
