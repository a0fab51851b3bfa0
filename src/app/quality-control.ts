// The quality levels live: loads the level the setting asks for (or a lighter one, with a notice),
// and under "auto" times every frame and moves to the level that fits the camera's frame interval.
// Owned by the engine (one per load; Engine.dispose() disposes it and every model it loaded).
import type { EmotionClassifier } from '../classify/classifier';
import type { EmotionEnsemble } from '../classify/ensemble';
import { AutoQuality } from '../quality/auto';
import { AUTO, type QualityLevel } from '../quality/levels';
import { QualityModels, type LoadedLevel } from '../quality/quality-models';

/** What the page shows next to the backend, and what window.emotionApp.getQuality() reports. */
export interface QualityState {
  /** "auto" or a level id, as set (?quality= or the setting). */
  setting: string;
  /** The level classifying now; null while a user's own model replaces the levels. */
  level: string | null;
  /** Why this level: auto's reasoning, the setting, a fallback, or the user's model. */
  reason: string;
  /** The levels to choose from, lightest first. */
  levels: { id: string; label: string }[];
}

/**
 * Frames after a level is loaded or changed that auto does not time: the first frames of a level
 * (and the detector's first run at start-up) are slow once and would make auto start too low.
 */
export const WARM_FRAMES = 5;

/**
 * Frames shown under auto before its start level's models (index.json defaults.autoStart) start
 * loading: the second, so the first frame's labels are on the page first (it renders them
 * between frames), and their downloads and set-up never delay the first label.
 */
export const PRELOAD_AFTER_FRAMES = 2;

export interface LevelChoice {
  ensemble: EmotionEnsemble;
  /** Set when the asked level failed and a lighter one is used. */
  notice: string | null;
}

export class QualityControl {
  private readonly models: QualityModels;
  private auto: AutoQuality | null = null;
  private setting = AUTO;
  private current: EmotionEnsemble | null = null;
  private why = '';
  /** Index of the richest level auto may ask for: a level that failed to load is not asked for again. */
  private ceiling: number;
  private switching = false;
  /** Bumped by each use(): a level load started before a newer setting is not committed. */
  private epoch = 0;
  private warming = WARM_FRAMES;
  /** Frames seen since use(): auto's start level's models load once PRELOAD_AFTER_FRAMES were shown. */
  private shown = 0;

  constructor(
    readonly levels: readonly QualityLevel[],
    load: (modelId: string) => Promise<EmotionClassifier>,
    private readonly autoStart?: string,
  ) {
    this.models = new QualityModels(levels, load);
    this.ceiling = levels.length - 1;
  }

  /** The level's ensemble in use (null before the first load). */
  get ensemble(): EmotionEnsemble | null {
    return this.current;
  }

  /** The setting, the level in use and why; a user's own model (its name) replaces the levels. */
  state(userModel: string | null): QualityState {
    const levels = this.levels.map((l) => ({ id: l.id, label: l.label }));
    if (userModel !== null) return { setting: this.setting, level: null, reason: `your own model "${userModel}" replaces the built-in models`, levels };
    return { setting: this.setting, level: this.current?.level ?? null, reason: this.why, levels };
  }

  get isAuto(): boolean {
    return this.auto !== null;
  }

  /**
   * Applies a setting: loads `start` (the forced level, or the lightest under auto), or the next
   * lighter level that loads. Auto starts with its start level (autoStart) instead when its models
   * are in already (auto set again later). Throws only when no level at all loads.
   */
  async use(setting: string, start: string): Promise<LevelChoice> {
    const epoch = ++this.epoch;
    this.setting = setting;
    this.auto = setting === AUTO ? new AutoQuality(this.levels, this.autoStart) : null;
    this.ceiling = this.levels.length - 1; // a new setting tries a level that failed before again
    this.shown = 0;
    const first = this.auto && this.autoStart && this.models.isLoaded(this.autoStart) ? this.autoStart : start;
    const r = await this.load(first, epoch);
    if (epoch === this.epoch) this.why = r.notice ?? (setting === AUTO ? `auto: starting with ${r.level.id} until this device's speed is measured` : `set to ${r.level.id}`);
    return { ensemble: r.ensemble, notice: r.notice };
  }

  /**
   * After a processed frame (auto only): records its timings and, when auto decides on another
   * level, loads it and returns its ensemble (the caller swaps it in). One move at a time.
   */
  async afterFrame(faces: number, classifyMs: number, totalMs: number, frameIntervalMs: number): Promise<LevelChoice | null> {
    const level = this.current?.level;
    if (!this.auto || !level) return null;
    // The first labels are up: auto's start level's models load now, in the background, so auto
    // can move to it without waiting for a download (they never compete with the first label).
    if (++this.shown === PRELOAD_AFTER_FRAMES && this.autoStart) this.models.preload(this.autoStart);
    if (this.switching) return null;
    if (this.warming > 0) {
      this.warming--;
      return null;
    }
    this.auto.record(level, faces, classifyMs, totalMs);
    const d = this.auto.decide(faces, frameIntervalMs);
    const wanted = this.levels.findIndex((l) => l.id === d.level);
    const target = this.levels[Math.min(wanted, this.ceiling)];
    this.why = target.id === d.level ? `auto: ${d.reason}` : `auto: ${d.reason}; ${d.level} could not load, so ${target.id}`;
    if (target.id === level) return null;
    this.switching = true;
    const epoch = this.epoch;
    try {
      const r = await this.load(target.id, epoch);
      if (epoch !== this.epoch) return null; // the setting changed while it loaded
      if (r.notice) this.why = `auto: ${r.notice}`;
      return { ensemble: r.ensemble, notice: r.notice };
    } finally {
      this.switching = false;
    }
  }

  /** Loads a level (or a lighter one) and makes it current unless a newer setting came meanwhile. */
  private async load(id: string, epoch: number): Promise<LoadedLevel> {
    const r = await this.models.loadLevel(id);
    if (epoch !== this.epoch) return r;
    if (r.notice) this.ceiling = Math.min(this.ceiling, this.levels.indexOf(r.level));
    if (this.current !== r.ensemble) this.warming = WARM_FRAMES;
    this.current = r.ensemble;
    return r;
  }

  /** Disposes every model loaded for any level (those still loading when they arrive). */
  dispose(): void {
    this.auto = null;
    this.current = null;
    this.models.dispose();
  }
}
