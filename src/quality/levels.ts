// Quality levels as data (models/index.json "quality"): which models a level runs, with what
// weights, temperature and test-time augmentation. Pure: parsing, lookup and the load fallback.
import { TTA_MODES, type TtaMode } from '../classify/tta.ts';

export interface QualityMember {
  /** Classifier id in models/index.json. */
  model: string;
  /** Weight in the combination (the level's weights sum to 1). */
  weight: number;
}

/**
 * How member outputs are combined before the temperature: 'logit' = weighted mean of log-probabilities
 * (logits up to a constant), 'prob' = log of the weighted mean of probabilities. Then softmax(z / T).
 */
export type Combine = 'logit' | 'prob';
export const COMBINES: readonly Combine[] = ['logit', 'prob'];

export interface QualityLevel {
  id: string;
  /** Words for the page, e.g. "Fast (one small model)". */
  label: string;
  members: QualityMember[];
  combine: Combine;
  /** Softmax temperature fitted on FER2013 PublicTest (NLL), scripts/fit-ensemble.ts. */
  temperature: number;
  tta: TtaMode;
  /**
   * Prior classification cost before this level is measured: ms + msPerFace·faces. Only the ratios
   * between levels matter much: auto scales the priors by the speed it measures on the device. The
   * shipped values fit `npm run stability -- --bench` (3 faces, Node WASM, 2 shared cores).
   */
  cost: { ms: number; msPerFace: number };
}

export const AUTO = 'auto';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** Validates the index's "quality" list (lightest level first); `fail` throws with the message. */
export function parseQualityLevels(json: unknown, classifiers: string[], fail: (msg: string) => never): QualityLevel[] {
  if (!Array.isArray(json) || json.length === 0) return fail('"quality" must be a non-empty list of levels, lightest first');
  const seen = new Set<string>();
  return json.map((l, i) => {
    const at = `"quality[${i}]"`;
    if (!isRecord(l)) return fail(`${at} must be an object`);
    const { id, label, members, combine, temperature, tta, cost } = l;
    if (typeof id !== 'string' || !id || id === AUTO) return fail(`${at}.id must be a non-empty string other than "auto"`);
    if (seen.has(id)) fail(`quality level "${id}" is listed twice`);
    seen.add(id);
    if (!Array.isArray(members) || members.length === 0) return fail(`level "${id}" needs at least one member {model, weight}`);
    const ms = members.map((m): QualityMember => {
      if (!isRecord(m) || typeof m.model !== 'string' || !positive(m.weight)) return fail(`level "${id}": each member is {model: id, weight > 0}`);
      if (!classifiers.includes(m.model)) fail(`level "${id}": model "${m.model}" is not a listed classifier`);
      return { model: m.model, weight: m.weight };
    });
    const sum = ms.reduce((s, m) => s + m.weight, 0);
    if (Math.abs(sum - 1) > 1e-6) fail(`level "${id}": member weights sum to ${sum}, not 1`);
    if (!COMBINES.includes(combine as Combine)) fail(`level "${id}": "combine" must be one of ${COMBINES.join(', ')}`);
    if (!positive(temperature)) fail(`level "${id}": "temperature" must be a positive number`);
    if (!TTA_MODES.includes(tta as TtaMode)) fail(`level "${id}": "tta" must be one of ${TTA_MODES.join(', ')}`);
    if (!isRecord(cost) || !(typeof cost.ms === 'number' && cost.ms >= 0) || !positive(cost.msPerFace)) {
      fail(`level "${id}": "cost" must be {ms ≥ 0, msPerFace > 0}`);
    }
    const c = cost as { ms: number; msPerFace: number };
    return {
      id,
      label: typeof label === 'string' && label ? label : id,
      members: ms,
      combine: combine as Combine,
      temperature: temperature as number,
      tta: tta as TtaMode,
      cost: { ms: c.ms, msPerFace: c.msPerFace },
    };
  });
}

/** The level with this id; throws a clear message listing the known ones. */
export function findLevel(levels: readonly QualityLevel[], id: string): QualityLevel {
  const l = levels.find((x) => x.id === id);
  if (!l) throw new Error(`Unknown quality level "${id}": one of ${[AUTO, ...levels.map((x) => x.id)].join(', ')}`);
  return l;
}

/** The level itself, then every lighter one, richest first: the order to try loading in. */
export function fallbackChain(levels: readonly QualityLevel[], id: string): QualityLevel[] {
  const i = levels.indexOf(findLevel(levels, id));
  return levels.slice(0, i + 1).reverse();
}

export interface LevelLoad<T> {
  level: QualityLevel;
  value: T;
  /** Levels that failed before this one, with why (for the notice). */
  failed: { level: QualityLevel; error: unknown }[];
}

/**
 * Loads `id`, or when that fails the next lighter level, and so on. Throws the last error only when
 * no level at all could load (then no labels are possible with the built-in models).
 */
export async function loadWithFallback<T>(levels: readonly QualityLevel[], id: string, load: (level: QualityLevel) => Promise<T>): Promise<LevelLoad<T>> {
  const failed: LevelLoad<T>['failed'] = [];
  for (const level of fallbackChain(levels, id)) {
    try {
      return { level, value: await load(level), failed };
    } catch (error) {
      failed.push({ level, error });
    }
  }
  throw failed[failed.length - 1].error;
}

/** One line for the page: "Quality "best" could not load (…): using "balanced"." */
export function fallbackNotice<T>(r: LevelLoad<T>): string | null {
  if (r.failed.length === 0) return null;
  const why = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const first = r.failed[0];
  return `Quality "${first.level.id}" could not load (${why(first.error)}): using "${r.level.id}" instead.`;
}
