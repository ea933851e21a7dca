// Copyright The loopback-security-monorepo authors. License: MIT.

import {pairedDifference} from '../statistics';
import type {VariantFigures} from './invoke-method.scenario';

/**
 * The `floor` contender's figures: a global interceptor that only calls
 * `next()`
 */
export interface FloorFigures extends VariantFigures {
  /**
   * Its µs per call over the baseline
   */
  overhead: number;
  /**
   * Ours over it, µs per call, by the wall clock
   */
  oursOver: number;
  /**
   * Ours over it, µs per call, in CPU time
   */
  oursOverCpu: number;
}

/**
 * The `lookups` contender's figures: the lookups a faithful decision makes
 * through LoopBack's public API and the vote, nothing else
 */
export interface LookupsFigures extends VariantFigures {
  /**
   * Its µs per call over the baseline
   */
  overhead: number;
  /**
   * Its µs per call over the floor, by the wall clock
   */
  overFloor: number;
  /**
   * Its µs per call over the floor, in CPU time
   */
  overFloorCpu: number;
  /**
   * Ours over it, µs per call, by the wall clock
   */
  oursOver: number;
  /**
   * Ours over it, µs per call, in CPU time
   */
  oursOverCpu: number;
}

/**
 * The figures of the contenders a scenario timed, by name
 */
export interface TimedFigures {
  baseline: VariantFigures;
  ours: VariantFigures;
  floor?: VariantFigures;
  lookups?: VariantFigures;
}

/**
 * How much `a` costs over `b`, µs per call: the median over the rounds of
 * the difference within each round (the contenders of a round ran back to
 * back and shared the machine's load of that moment)
 *
 * @param a - The contender with the extra work
 * @param b - The contender without it
 * @param cpu - Compare CPU time instead of the wall clock
 */
export function costOver(
  a: VariantFigures,
  b: VariantFigures,
  cpu = false,
): number {
  return cpu
    ? pairedDifference(a.cpuRounds, b.cpuRounds)
    : pairedDifference(a.rounds, b.rounds);
}

/**
 * Compare the yardsticks a scenario timed with the baseline, with each other
 * and with ours, in the same rounds. The lookups contender is compared only
 * when the floor ran beside it.
 *
 * @param figures - The figures of the contenders that ran
 */
export function compareYardsticks({
  baseline,
  ours,
  floor,
  lookups,
}: TimedFigures): {floor?: FloorFigures; lookups?: LookupsFigures} {
  if (floor == null) return {};
  return {
    floor: {
      ...floor,
      overhead: costOver(floor, baseline),
      oursOver: costOver(ours, floor),
      oursOverCpu: costOver(ours, floor, true),
    },
    ...(lookups && {
      lookups: {
        ...lookups,
        overhead: costOver(lookups, baseline),
        overFloor: costOver(lookups, floor),
        overFloorCpu: costOver(lookups, floor, true),
        oursOver: costOver(ours, lookups),
        oursOverCpu: costOver(ours, lookups, true),
      },
    }),
  };
}
