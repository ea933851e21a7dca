// Copyright The loopback-security-monorepo authors. License: MIT.

import {overheadRatio, QUIET_QUANTILE} from '../statistics';
import type {VariantFigures} from './invoke-method.scenario';

/*
 * The quiet-rounds estimate: each contender's figure is a low quantile of
 * its rounds (see QUIET_QUANTILE), and the overheads are differences of
 * those figures. Interference only adds time, so this says what the code
 * costs at best, steadier from run to run than the medians, which say what
 * it costs typically on the machine as it was.
 */

/**
 * The overheads of a scenario from its quiet rounds
 */
export interface QuietOverheads {
  /**
   * The quantile of the rounds each contender's figure is
   */
  quantile: number;
  /**
   * Wall-clock µs per call over the baseline's quiet rounds
   */
  overhead: {published: number; ours: number};
  /**
   * Our wall-clock overhead over the published package's; `NaN` when the
   * published package cost nothing over the baseline
   */
  ratio: number;
  /**
   * CPU µs per call over the baseline's quiet rounds
   */
  cpuOverhead: {published: number; ours: number};
  /**
   * Our CPU overhead over the published package's, the same way
   */
  cpuRatio: number;
}

/**
 * How much `a` costs over `b` in their quiet rounds, µs per call: the
 * difference of their quiet-rounds figures. Unlike a paired difference, the
 * two figures may come from different rounds: each contender's least
 * disturbed ones.
 *
 * @param a - The contender with the extra work
 * @param b - The contender without it
 * @param cpu - Compare CPU time instead of the wall clock
 */
export function quietCostOver(
  a: VariantFigures,
  b: VariantFigures,
  cpu = false,
): number {
  return cpu
    ? a.quietCpuMicroseconds - b.quietCpuMicroseconds
    : a.quietMicroseconds - b.quietMicroseconds;
}

/**
 * The overheads of the published package and ours over the baseline, and
 * their ratio, from the quiet rounds of each
 *
 * @param figures - The figures of the three variants
 */
export function quietOverheads({
  baseline,
  published,
  ours,
}: Record<'baseline' | 'published' | 'ours', VariantFigures>): QuietOverheads {
  const overhead = {
    published: quietCostOver(published, baseline),
    ours: quietCostOver(ours, baseline),
  };
  const cpuOverhead = {
    published: quietCostOver(published, baseline, true),
    ours: quietCostOver(ours, baseline, true),
  };
  return {
    quantile: QUIET_QUANTILE,
    overhead,
    ratio: overheadRatio(overhead.ours, overhead.published),
    cpuOverhead,
    cpuRatio: overheadRatio(cpuOverhead.ours, cpuOverhead.published),
  };
}
