// Cross-validation folds for choices fitted on a labelled set (scripts/fit-ensemble.ts --cv): each
// class is dealt round-robin into k folds in the set's own (sorted, reproducible) order, so every
// fold has the class mix of the whole set. Pure.

/** fold[i] ∈ 0..k−1 for sample i; labels[i] is any class key. Throws when k < 2 or k > samples. */
export function stratifiedFolds(labels: readonly (string | number)[], k: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new Error(`cross-validation needs at least 2 folds (got ${k})`);
  if (k > labels.length) throw new Error(`cannot split ${labels.length} samples into ${k} folds`);
  const seen = new Map<string | number, number>();
  return labels.map((l) => {
    const i = seen.get(l) ?? 0;
    seen.set(l, i + 1);
    return i % k;
  });
}

/** Indices of the samples in fold f (held out) and of all others (fitted on). */
export function splitFold(folds: readonly number[], f: number): { train: number[]; test: number[] } {
  const train: number[] = [];
  const test: number[] = [];
  folds.forEach((g, i) => (g === f ? test : train).push(i));
  return { train, test };
}
