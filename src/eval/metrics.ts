// Classification metrics from a confusion matrix (rows = truth, columns = prediction).
// A matrix may carry one extra trailing column for "no prediction" (e.g. no face found): those
// samples count in their row (so they lower recall and accuracy) but are nobody's prediction.

export interface ClassMetrics {
  precision: number;
  recall: number;
  f1: number;
  /** Number of samples whose truth is this class. */
  support: number;
}

export interface Metrics {
  accuracy: number;
  /** Mean F1 over the classes that have at least one true sample. */
  macroF1: number;
  perClass: Record<string, ClassMetrics>;
  n: number;
}

/** An empty k × (k + extraColumns) matrix. */
export function emptyConfusion(k: number, extraColumns = 0): number[][] {
  return Array.from({ length: k }, () => new Array<number>(k + extraColumns).fill(0));
}

/** Builds a confusion matrix from truth/prediction indices; prediction -1 goes to the extra column. */
export function confusionMatrix(truth: number[], pred: number[], k: number, withNoPrediction = false): number[][] {
  if (truth.length !== pred.length) throw new Error('truth and pred must have the same length');
  const m = emptyConfusion(k, withNoPrediction ? 1 : 0);
  truth.forEach((t, i) => {
    const p = pred[i];
    if (p < 0) {
      if (!withNoPrediction) throw new Error('prediction -1 needs withNoPrediction');
      m[t][k]++;
    } else m[t][p]++;
  });
  return m;
}

export function computeMetrics(confusion: number[][], labels: string[]): Metrics {
  const k = labels.length;
  if (confusion.length !== k) throw new Error(`confusion has ${confusion.length} rows for ${k} labels`);
  let n = 0;
  let correct = 0;
  const perClass: Record<string, ClassMetrics> = {};
  const f1s: number[] = [];
  for (let c = 0; c < k; c++) {
    const row = confusion[c];
    const support = row.reduce((a, b) => a + b, 0);
    let predicted = 0;
    for (let r = 0; r < k; r++) predicted += confusion[r][c];
    const tp = row[c];
    n += support;
    correct += tp;
    // 0/0 is reported as 0: a class never predicted has no precision to speak of.
    const precision = predicted > 0 ? tp / predicted : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[labels[c]] = { precision, recall, f1, support };
    if (support > 0) f1s.push(f1);
  }
  return {
    accuracy: n > 0 ? correct / n : 0,
    macroF1: f1s.length > 0 ? f1s.reduce((a, b) => a + b, 0) / f1s.length : 0,
    perClass,
    n,
  };
}

/** Fixed-width text table of a confusion matrix, rows = truth. */
export function formatConfusion(confusion: number[][], rowLabels: string[], colLabels: string[]): string {
  const w = Math.max(8, ...colLabels.map((l) => l.length + 1), ...confusion.flat().map((v) => String(v).length + 1));
  const rw = Math.max(...rowLabels.map((l) => l.length), 'truth \\ pred'.length) + 1;
  const lines = ['truth \\ pred'.padEnd(rw) + colLabels.map((l) => l.padStart(w)).join('')];
  confusion.forEach((row, i) => lines.push(rowLabels[i].padEnd(rw) + row.map((v) => String(v).padStart(w)).join('')));
  return lines.join('\n');
}
