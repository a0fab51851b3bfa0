// "About this model": what the page says about the emotion model in use, from its manifest's
// optional `card` (trained on, measured accuracy with the command that measures it, weaknesses),
// or from its name, provenance and licence when the manifest has no card. Pure, unit-tested.
import type { ModelCard, ModelCardAccuracy as AccuracyRow, ModelManifest } from '../models/manifest';

export interface ModelAbout {
  name: string;
  labels: string[];
  trainedOn: string | null;
  accuracy: AccuracyRow[];
  weaknesses: string[];
  /** "Trained by …", "Converted by …" lines from the provenance. */
  credits: string[];
  licence: string;
  /** True when the manifest had a card; false when this was pieced together from the rest. */
  fromCard: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The card if the manifest has a well-formed one; anything malformed is left out, never guessed. */
export function readCard(card: unknown): ModelCard | null {
  if (!isRecord(card) || typeof card.trainedOn !== 'string') return null;
  const accuracy = Array.isArray(card.accuracy)
    ? card.accuracy.filter(
        (r): r is AccuracyRow =>
          isRecord(r) &&
          typeof r.dataset === 'string' &&
          typeof r.accuracy === 'number' &&
          typeof r.macroF1 === 'number' &&
          typeof r.command === 'string' &&
          (r.level === undefined || typeof r.level === 'string'),
      )
    : [];
  const weaknesses = Array.isArray(card.weaknesses) ? card.weaknesses.filter((w): w is string => typeof w === 'string') : [];
  return { trainedOn: card.trainedOn, accuracy, weaknesses };
}

const PROVENANCE_WORDS: Record<string, string> = {
  trainedBy: 'Trained by',
  dataset: 'Training data',
  convertedBy: 'Converted by',
  source: 'Source',
};

export function aboutModel(manifest: ModelManifest & { card?: unknown }): ModelAbout {
  const card = readCard(manifest.card);
  const p = manifest.provenance ?? {};
  const credits = Object.entries(PROVENANCE_WORDS)
    .filter(([key]) => typeof p[key] === 'string' && p[key] && !(card && key === 'dataset'))
    .map(([key, words]) => `${words}: ${p[key]}`);
  return {
    name: manifest.name,
    labels: manifest.labels ?? [],
    trainedOn: card?.trainedOn ?? (p.dataset ? `${p.dataset} (no measured accuracy in this model's manifest)` : null),
    accuracy: card?.accuracy ?? [],
    weaknesses: card?.weaknesses ?? [],
    credits,
    licence: manifest.licence,
    fromCard: card !== null,
  };
}

/** 0.6612 → "66.1%". */
export const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
