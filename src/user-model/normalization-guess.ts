// A Keras file does not record the pixel normalization its model was trained with. Run on a few
// faces under each candidate, a model fed the wrong range mostly answers the same class for every
// face (its inputs are saturated or squashed), while the right one tells faces apart: prefer the
// normalization whose outputs vary most across faces.
import { argmax } from '../classify/argmax';
import { NORMALIZATIONS, type Normalization } from '../models/manifest';
import type { SampleOutputs } from './sample-faces';

export interface NormalizationScore {
  normalization: Normalization;
  /** How many different top classes the faces get. */
  classes: number;
  /** The top class when every face gets the same one. */
  onlyClass?: number;
  /** Mean total-variation distance between two faces' outputs, 0..1. */
  spread: number;
}

export interface NormalizationGuess {
  best: Normalization;
  scores: NormalizationScore[];
  /** Every face gets the same class under every normalization: the guess means nothing. */
  allSame: boolean;
}

function score(normalization: Normalization, rows: number[][]): NormalizationScore {
  const finite = rows.filter((r) => r.every(Number.isFinite));
  const tops = new Set(finite.map(argmax));
  let spread = 0;
  let pairs = 0;
  for (let i = 0; i < finite.length; i++) {
    for (let j = i + 1; j < finite.length; j++) {
      spread += finite[i].reduce((s, v, k) => s + Math.abs(v - finite[j][k]), 0) / 2;
      pairs++;
    }
  }
  return {
    normalization,
    classes: tops.size,
    onlyClass: tops.size === 1 ? [...tops][0] : undefined,
    spread: pairs ? spread / pairs : 0,
  };
}

export function guessNormalization(outputs: SampleOutputs): NormalizationGuess {
  const scores = NORMALIZATIONS.map((n) => score(n, outputs[n]));
  // More distinct classes first; then the larger spread. Ties keep NORMALIZATIONS' order.
  const best = scores.reduce((b, s) => (s.classes > b.classes || (s.classes === b.classes && s.spread > b.spread + 1e-6) ? s : b));
  return { best: best.normalization, scores, allSame: scores.every((s) => s.classes <= 1) };
}
