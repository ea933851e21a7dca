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
  const mid = median(sorted);
  return mid === 0
    ? 0
    : (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 2 / mid;
}

/**
 * The quantile of a contender's per-round figures that the quiet-rounds
 * estimate takes: the 10th percentile. Interference on a shared machine
 * (other processes, their cache misses, the hypervisor) only ever adds time
 * to a round, so the least disturbed rounds say best what the code itself
 * costs. Not the minimum: one round that was odd in the other direction (a
 * batch that missed a garbage collection the others paid for) would set it
 * alone; the 10th percentile rests on a tenth of the rounds and still lies
 * below the rounds that interference slowed down.
 */
export const QUIET_QUANTILE = 0.1;

/**
 * A quantile of some numbers, interpolated between the two nearest; `NaN`
 * when there is none
 *
 * @param values - The numbers, in any order; not modified
 * @param q - The quantile, from 0 (the least) to 1 (the largest)
 */
export function quantileOf(values: readonly number[], q: number): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    q,
  );
}

/**
 * The quiet-rounds figure of a contender: the {@link QUIET_QUANTILE} of its
 * per-round figures, what it costs when the machine leaves it alone
 *
 * @param rounds - Its figures, one a round, in any order
 */
export function quietRounds(rounds: readonly number[]): number {
  return quantileOf(rounds, QUIET_QUANTILE);
}

/**
 * The ratio of two overheads over the same baseline, ours over the
 * published package's; `NaN` when the published package cost nothing or
 * less over the baseline, where a ratio would say nothing
 *
 * @param ours - Our overhead
 * @param published - The published package's overhead
 */
export function overheadRatio(ours: number, published: number): number {
  return published > 0 ? ours / published : NaN;
}

/**
 * A quantile of sorted numbers, interpolated between the two nearest
 * @param sorted - The numbers, in ascending order
 * @param q - The quantile, from 0 to 1
 */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/**
 * A ratio measured once a round: its median over the rounds and the range of
 * its middle half (first to third quartile), so that a reader can tell a
 * real change from the noise of the machine
 */
export interface RatioSpread {
  /**
   * The median over the rounds
   */
  median: number;
  /**
   * The first quartile
   */
  low: number;
  /**
   * The third quartile
   */
  high: number;
  /**
   * How many rounds gave a ratio (those where the denominator was positive)
   */
  rounds: number;
}

/**
 * The ratio of two overheads in each round, ours over the published
 * package's: `(ours[i] - baseline[i]) / (published[i] - baseline[i])`, the
 * three taken in the same round; a round where the published package cost
 * nothing over the baseline gives no ratio.
 *
 * @param ours - Our figures, one a round
 * @param published - The published package's figures, one a round
 * @param baseline - The figures without authorization, one a round
 */
export function roundRatios(
  ours: readonly number[],
  published: readonly number[],
  baseline: readonly number[],
): RatioSpread {
  const ratios: number[] = [];
  const rounds = Math.min(ours.length, published.length, baseline.length);
  for (let i = 0; i < rounds; i++) {
    const ratio = overheadRatio(
      ours[i] - baseline[i],
      published[i] - baseline[i],
    );
    if (!Number.isNaN(ratio)) ratios.push(ratio);
  }
  ratios.sort((a, b) => a - b);
  return {
    median: median(ratios),
    low: quantile(ratios, 0.25),
    high: quantile(ratios, 0.75),
    rounds: ratios.length,
  };
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
 * The differences of paired samples (`a[i] - b[i]`), one a round
 *
 * @param a - The figures with the extra work, one a round
 * @param b - The figures without it, one a round
 */
export function pairedDifferences(
  a: readonly number[],
  b: readonly number[],
): number[] {
  const differences: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    differences.push(a[i] - b[i]);
  }
  return differences;
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
  return median(pairedDifferences(a, b));
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
