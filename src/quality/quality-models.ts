// Loads the models of quality levels once each and builds a level's ensemble from them, so moving
// between fast, balanced and best never reloads a model both levels use. The engine owns one of
// these (and disposes it); the pipeline only borrows the ensembles it is given.
import { EmotionClassifier } from '../classify/classifier';
import { resolveModel, withModelErrors, type ModelSource } from '../models/registry';
import { EmotionEnsemble } from '../classify/ensemble';
import { fallbackNotice, findLevel, loadWithFallback, type QualityLevel } from './levels';

export interface LoadedLevel {
  level: QualityLevel;
  ensemble: EmotionEnsemble;
  /** Set when the asked level failed and a lighter one is used: words for the page. */
  notice: string | null;
}

export class QualityModels {
  private readonly loaded = new Map<string, Promise<EmotionClassifier>>();

  /** `load(id)`: loads a classifier of models/index.json (e.g. registry.resolveModel + EmotionClassifier.load). */
  constructor(
    readonly levels: readonly QualityLevel[],
    private readonly load: (modelId: string) => Promise<EmotionClassifier>,
  ) {}

  private classifier(id: string): Promise<EmotionClassifier> {
    let p = this.loaded.get(id);
    if (!p) {
      p = this.load(id);
      // A failed load is forgotten, so a later attempt (after a network hiccup) tries again.
      p.catch(() => this.loaded.delete(id));
      this.loaded.set(id, p);
    }
    return p;
  }

  /** The level's ensemble; throws if one of its models fails to load. */
  async ensemble(levelId: string): Promise<EmotionEnsemble> {
    const level = findLevel(this.levels, levelId);
    const members = await Promise.all(level.members.map(async (m) => ({ classifier: await this.classifier(m.model), weight: m.weight })));
    return new EmotionEnsemble(members, { level: level.id, temperature: level.temperature, combine: level.combine, tta: level.tta, ownsMembers: false });
  }

  /** The level, or the next lighter one that loads (with a notice saying so). */
  async loadLevel(levelId: string): Promise<LoadedLevel> {
    const r = await loadWithFallback(this.levels, levelId, (l) => this.ensemble(l.id));
    return { level: r.level, ensemble: r.value, notice: fallbackNotice(r) };
  }

  /** Whether every model of the level is already loaded (switching to it costs nothing). */
  isLoaded(levelId: string): boolean {
    return findLevel(this.levels, levelId).members.every((m) => this.loaded.has(m.model));
  }

  async dispose(): Promise<void> {
    const all = [...this.loaded.values()];
    this.loaded.clear();
    for (const p of all) {
      try {
        (await p).dispose();
      } catch {
        // A model that never loaded holds nothing.
      }
    }
  }
}

/** A QualityModels loading classifiers from a model source (HTTP in the browser, files in Node). */
export function qualityModelsFrom(source: ModelSource, levels: readonly QualityLevel[]): QualityModels {
  return new QualityModels(levels, async (id) => {
    const r = await resolveModel(source, id);
    return withModelErrors(r.manifest, () => EmotionClassifier.load(r.manifest, r.model));
  });
}
