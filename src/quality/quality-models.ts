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
  /** The models that did load (disposed synchronously by dispose()). */
  private readonly ready = new Map<string, EmotionClassifier>();
  private disposed = false;

  /** `load(id)`: loads a classifier of models/index.json (e.g. registry.resolveModel + EmotionClassifier.load). */
  constructor(
    readonly levels: readonly QualityLevel[],
    private readonly load: (modelId: string) => Promise<EmotionClassifier>,
  ) {}

  private classifier(id: string): Promise<EmotionClassifier> {
    if (this.disposed) return Promise.reject(new Error('the quality models were disposed'));
    let p = this.loaded.get(id);
    if (!p) {
      p = this.load(id).then((c) => {
        // A model that arrives after dispose() is disposed here, never kept.
        if (this.disposed) {
          c.dispose();
          throw new Error('the quality models were disposed while loading');
        }
        this.ready.set(id, c);
        return c;
      });
      // A failed load is forgotten, so a later attempt (after a network hiccup) tries again.
      const failed = p;
      failed.catch(() => {
        if (this.loaded.get(id) === failed) this.loaded.delete(id);
      });
      this.loaded.set(id, p);
    }
    return p;
  }

  /** The level's ensemble; throws if one of its models fails to load. */
  async ensemble(levelId: string): Promise<EmotionEnsemble> {
    const level = findLevel(this.levels, levelId);
    // Every member is asked for at once; a failure of one leaves the others loaded (a lighter level may use them).
    const loads = level.members.map((m) => this.classifier(m.model));
    const settled = await Promise.allSettled(loads);
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const members = level.members.map((m, i) => ({ classifier: (settled[i] as PromiseFulfilledResult<EmotionClassifier>).value, weight: m.weight }));
    return new EmotionEnsemble(members, { level: level.id, temperature: level.temperature, combine: level.combine, tta: level.tta, ownsMembers: false });
  }

  /** The level, or the next lighter one that loads (with a notice saying so). */
  async loadLevel(levelId: string): Promise<LoadedLevel> {
    const r = await loadWithFallback(this.levels, levelId, (l) => this.ensemble(l.id));
    return { level: r.level, ensemble: r.value, notice: fallbackNotice(r) };
  }

  /**
   * Starts loading the level's models without building its ensemble (auto's next level, in the
   * background). A failure is silent here: it is forgotten, and reported when the level is asked for.
   */
  preload(levelId: string): void {
    for (const m of findLevel(this.levels, levelId).members) this.classifier(m.model).catch(() => undefined);
  }

  /** Whether every model of the level is already loaded (switching to it costs nothing). */
  isLoaded(levelId: string): boolean {
    return findLevel(this.levels, levelId).members.every((m) => this.ready.has(m.model));
  }

  /**
   * Disposes every model that loaded, now; a model still loading is disposed when it arrives.
   * Later loads are refused. Safe to call twice.
   */
  dispose(): void {
    this.disposed = true;
    const all = [...this.ready.values()];
    this.ready.clear();
    this.loaded.clear();
    for (const c of all) {
      try {
        c.dispose();
      } catch {
        // a lost WebGL context's textures are gone already
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
