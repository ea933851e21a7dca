// Copyright The loopback-security-monorepo authors. License: MIT.

/**
 * The median of some numbers: the middle one once sorted, or the mean of the
 * two middle ones when there is an even count. `NaN` when there is none.
 *
 * @param values - The numbers; not modified
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * The relative spread of some numbers around their median: half the distance
 * between the first and the third quartile, over the median. A rough
 * "± this much" figure for the noise of a measurement.
 *
 * @param values - The numbers; not modified
 */
export function relativeSpread(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const quartile = (q: number) => {
    const position = (sorted.length - 1) * q;
    const below = Math.floor(position);
    const above = Math.ceil(position);
    return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
  };
  const mid = median(sorted);
  return mid === 0 ? 0 : (quartile(0.75) - quartile(0.25)) / 2 / mid;
}

/**
 * The ratio of two overheads (ours over the published package's), or `NaN`
 * when the denominator is not positive: a ratio of noise means nothing.
 *
 * @param ours - Our overhead
 * @param published - The published package's overhead
 */
export function overheadRatio(ours: number, published: number): number {
  return published > 0 ? ours / published : NaN;
}

/**
 * The median of the ratios of paired samples (`a[i] / b[i]`): samples taken
 * in the same round share that round's machine noise, so their ratio is
 * steadier than the ratio of two medians.
 *
 * @param a - The numerators, one a round
 * @param b - The denominators, one a round
 */
export function pairedRatio(
  a: readonly number[],
  b: readonly number[],
): number {
  const ratios: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (b[i] !== 0) ratios.push(a[i] / b[i]);
  }
  return median(ratios);
}

/**
 * The median of the differences of paired samples (`a[i] - b[i]`): the
 * overhead of `a` over `b`, with the noise shared by each round cancelled
 *
 * @param a - The figures with the extra work, one a round
 * @param b - The figures without it, one a round
 */
export function pairedDifference(
  a: readonly number[],
  b: readonly number[],
): number {
  const differences: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    differences.push(a[i] - b[i]);
  }
  return median(differences);
}

/**
 * The order of the contenders in a round: as given in even rounds, reversed
 * in odd ones (A B C, C B A, A B C, ...), so that no contender always runs
 * first or right after the same neighbour.
 *
 * @param contenders - The contenders
 * @param round - The round number, from 0
 */
export function roundOrder<T>(contenders: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...contenders] : [...contenders].reverse();
}
