// The last N samples of a timing, with estimates that a few slow frames (another program, garbage
// collection) do not move: the median, and a mean without the slowest share. Pure.
export class SampleWindow {
  private readonly xs: number[] = [];

  constructor(private readonly size = 40) {
    if (!(size >= 1)) throw new RangeError('a sample window holds at least one sample');
  }

  push(x: number): void {
    this.xs.push(x);
    if (this.xs.length > this.size) this.xs.shift();
  }

  get count(): number {
    return this.xs.length;
  }

  /** The median (NaN when empty). */
  median(): number {
    const s = [...this.xs].sort((a, b) => a - b);
    const n = s.length;
    if (n === 0) return NaN;
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The mean without the largest `trim` share of the samples (NaN when empty). */
  trimmedMean(trim = 0.1): number {
    const s = [...this.xs].sort((a, b) => a - b);
    const keep = s.slice(0, Math.max(1, s.length - Math.floor(s.length * trim)));
    return s.length === 0 ? NaN : keep.reduce((a, b) => a + b, 0) / keep.length;
  }
}
