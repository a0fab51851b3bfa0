// Pure statistics for `npm run bench:ab`: two builds measured back to back, in interleaved pairs,
// compared as ratios (machines and minutes differ: only a same-run ratio means anything).
import { percentile } from './stats';

/** One interleaved pair: the same measure in this tree (a) and in the other (b). */
export interface Pair {
  a: number;
  b: number;
}

export interface Comparison {
  pairs: number;
  medianA: number;
  medianB: number;
  /** median(a) / median(b): the typical value of this tree against the other's. */
  ratioOfMedians: number;
  /** The median of a/b over the pairs: each pair ran in the same minute. */
  medianPairRatio: number;
  /** The geometric mean of a/b. */
  geoMeanRatio: number;
  /** mean(a) / mean(b). */
  ratioOfMeans: number;
  /** Pairs where a < b. */
  aSmaller: number;
}

/** The middle value (the mean of the two middle ones for an even count): stats.ts's p50. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Compares a with b over the pairs where both were measured (finite, b > 0). */
export function compare(pairs: readonly Pair[]): Comparison {
  const ok = pairs.filter((p) => Number.isFinite(p.a) && Number.isFinite(p.b) && p.b > 0 && p.a >= 0);
  const a = ok.map((p) => p.a);
  const b = ok.map((p) => p.b);
  const ratios = ok.map((p) => p.a / p.b);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  return {
    pairs: ok.length,
    medianA: median(a),
    medianB: median(b),
    ratioOfMedians: median(a) / median(b),
    medianPairRatio: median(ratios),
    geoMeanRatio: ok.length && ratios.every((r) => r > 0) ? Math.exp(mean(ratios.map(Math.log))) : NaN,
    ratioOfMeans: mean(a) / mean(b),
    aSmaller: ratios.filter((r) => r < 1).length,
  };
}

/** The order of pair i (0-based): this tree first on even pairs, the other first on odd ones. */
export function pairOrder(i: number): ['a', 'b'] | ['b', 'a'] {
  return i % 2 === 0 ? ['a', 'b'] : ['b', 'a'];
}
