// Which quality level to load first for a setting: pure, shared by the engine's model plan
// (app/model-plan.ts) and the boot prefetch (models/prefetch.ts), so both fetch the same models.
import type { ModelIndex } from '../models/manifest';
import { AUTO, type QualityLevel } from './levels';

export interface QualityChoice {
  /** The quality levels, lightest first (index.json "quality", or one level of the default classifier). */
  levels: QualityLevel[];
  /** What is in force: "auto" or a level id (an unknown asked-for id is reported and read as auto). */
  setting: string;
  /**
   * The level to load before the first label: the forced one, or under auto the lightest (its one
   * small model gives labels soonest; autoStart's models load in the background after the first frame).
   */
  start: string;
  /** Words for the page when the asked setting is not a level of this index. */
  notice: string | null;
  /**
   * Level auto moves to until this device's speed is measured (index.json defaults.autoStart): its
   * models are loaded once the first frame is shown, never before the first label.
   */
  autoStart: string | undefined;
}

/** The index's levels; an index without "quality" runs its default classifier as the one level. */
export function qualityLevels(index: ModelIndex): QualityLevel[] {
  if (index.quality?.length) return index.quality;
  const id = index.defaults.classifier;
  return [{ id: 'default', label: id, members: [{ model: id, weight: 1 }], combine: 'logit', temperature: 1, tta: 'none', cost: { ms: 1, msPerFace: 1 } }];
}

/** `asked`: the URL's or the user's setting ("" = the index's default quality, else auto). */
export function qualityChoice(index: ModelIndex, asked: string): QualityChoice {
  const levels = qualityLevels(index);
  const known = (id: string | undefined): id is string => id !== undefined && levels.some((l) => l.id === id);
  const wanted = asked || index.defaults.quality || AUTO;
  const valid = wanted === AUTO || known(wanted);
  const setting = valid ? wanted : AUTO;
  const autoStart = known(index.defaults.autoStart) ? index.defaults.autoStart : undefined;
  // Auto begins with the lightest level: the first labels come soonest (issue 14, item 5).
  const start = setting === AUTO ? levels[0].id : setting;
  const names = [AUTO, ...levels.map((l) => l.id)].join(', ');
  return { levels, setting, start, notice: valid ? null : `Quality "${wanted}" is not one of ${names}: using auto.`, autoStart };
}
