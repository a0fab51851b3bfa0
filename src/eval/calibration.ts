// How honest the probabilities are: expected calibration error over equal-width confidence bins
// (Guo et al. 2017; 15 bins by convention), the bins themselves for a reliability diagram, and the
// negative log-likelihood that temperature scaling minimises.

export interface ReliabilityBin {
  lo: number;
  hi: number;
  /** Samples whose top probability falls in [lo, hi) (the last bin includes 1). */
  count: number;
  /** Share of them whose top class was right (NaN when empty). */
  accuracy: number;
  /** Their mean top probability (NaN when empty). */
  confidence: number;
}

export interface Calibration {
  /** Σ (count/n)·|accuracy − confidence| over the bins. */
  ece: number;
  bins: ReliabilityBin[];
}

export const ECE_BINS = 15;

export function calibration(confidence: readonly number[], correct: readonly boolean[], binCount = ECE_BINS): Calibration {
  if (confidence.length !== correct.length) throw new Error('confidence and correct must have the same length');
  const sums = Array.from({ length: binCount }, () => ({ count: 0, right: 0, conf: 0 }));
  confidence.forEach((c, i) => {
    const b = sums[Math.min(binCount - 1, Math.max(0, Math.floor(c * binCount)))];
    b.count++;
    b.conf += c;
    if (correct[i]) b.right++;
  });
  const n = confidence.length;
  let ece = 0;
  const bins = sums.map((s, i) => {
    const accuracy = s.count ? s.right / s.count : NaN;
    const conf = s.count ? s.conf / s.count : NaN;
    if (s.count) ece += (s.count / n) * Math.abs(accuracy - conf);
    return { lo: i / binCount, hi: (i + 1) / binCount, count: s.count, accuracy, confidence: conf };
  });
  return { ece, bins };
}

/** Mean −log p(truth); probabilities clipped at 1e-12. */
export function meanNll(probs: readonly (readonly number[])[], truth: readonly number[]): number {
  let s = 0;
  probs.forEach((p, i) => {
    s -= Math.log(Math.max(1e-12, p[truth[i]]));
  });
  return probs.length ? s / probs.length : 0;
}

export function softmaxRow(z: readonly number[], temperature = 1): number[] {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v / temperature);
  const e = z.map((v) => Math.exp(v / temperature - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** The temperature (0.25..8) minimising the NLL of softmax(z / T): golden-section search on log T. */
export function fitTemperature(logits: readonly (readonly number[])[], truth: readonly number[]): number {
  const nllAt = (logT: number) => meanNll(logits.map((z) => softmaxRow(z, Math.exp(logT))), truth);
  let a = Math.log(0.25);
  let b = Math.log(8);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = nllAt(c);
  let fd = nllAt(d);
  for (let i = 0; i < 40; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nllAt(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nllAt(d);
    }
  }
  return Math.exp((a + b) / 2);
}
