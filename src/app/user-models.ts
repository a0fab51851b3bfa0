// The user's own emotion model saved in IndexedDB (src/user-model): restored at load, and a
// failure to restore is a notice (the built-in model is used), never an error.
import { EmotionClassifier } from '../classify/classifier';
import { errorDetail } from '../faults/coded-error';
import { clearUserModel, loadUserModel, storedUserManifest } from '../user-model/persist';

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
