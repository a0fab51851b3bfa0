// Comparing two classifiers scored on the same samples (scripts/fit-ensemble.ts). Pure.

/**
 * Held-out accuracy gain of a over b on the same samples, and its standard error from the discordant
 * pairs (samples exactly one of them gets right; McNemar): sqrt(b + c − (b − c)²/n) / n.
 */
export function pairedGain(a: boolean[], b: boolean[]): { gain: number; se: number; discordant: number } {
  const n = a.length;
  const onlyA = a.filter((x, i) => x && !b[i]).length;
  const onlyB = b.filter((x, i) => x && !a[i]).length;
  return { gain: (onlyA - onlyB) / n, se: Math.sqrt(Math.max(0, onlyA + onlyB - (onlyA - onlyB) ** 2 / n)) / n, discordant: onlyA + onlyB };
}
