// The user's own emotion model (src/user-model): switched to after a test inference and saved in
// IndexedDB; restored at load, where a failure is a notice (the built-in model is used), never an
// error. The engine owns the model once it is in use.
import type { GraphModel } from '@tensorflow/tfjs-converter';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { EmotionClassifier } from '../classify/classifier';
import { errorDetail } from '../faults/coded-error';
import type { ModelFallbackHost } from '../faults/inference-guard';
import type { ModelManifest } from '../models/manifest';
import type { AppStore } from '../store/app-store';
import { clearUserModel, loadUserModel, saveUserModel, storedUserManifest } from '../user-model/persist';
import type { Engine } from './engine';

export class UserModels implements ModelFallbackHost {
  constructor(
    private readonly engine: Engine,
    private readonly store: AppStore,
  ) {}

  /** True while a user's own model is in use (the frame loop falls back to the built-in one if it throws). */
  get usingUserModel(): boolean {
    return this.engine.usingUserModel;
  }

  /** Switches to the user's model (EmotionClassifier checks its outputs against its labels) and saves it. */
  async use(model: LayersModel | GraphModel, manifest: ModelManifest): Promise<void> {
    await this.engine.load();
    const classifier = EmotionClassifier.fromModel(model, manifest);
    classifier.warmUp();
    await saveUserModel(model, manifest);
    this.engine.useUserModel(classifier);
  }

  /** Back to the shipped model, on request or because the user's model failed (reason shown). */
  async useBuiltInModel(reason?: string): Promise<void> {
    this.engine.useBuiltInModel();
    if (reason) this.store.getState().setNotice(reason);
    await clearUserModel();
  }
}

export async function restoreSavedUserModel(notice: (text: string) => void): Promise<EmotionClassifier | null> {
  const manifest = storedUserManifest();
  if (!manifest) return null;
  try {
    const classifier = EmotionClassifier.fromModel(await loadUserModel(manifest), manifest);
    classifier.warmUp();
    return classifier;
  } catch (e) {
    await clearUserModel();
    notice(`Your saved model "${manifest.name}" could not be loaded (${errorDetail(e)}): using the built-in model.`);
    return null;
  }
}
