// Copyright The loopback-security-monorepo authors. License: MIT.

import {pairedDifference} from '../statistics';
import type {VariantFigures} from './invoke-method.scenario';
import {quietCostOver} from './quiet-rounds';

/**
 * What the `floor` contender (a global interceptor that only calls
 * `next()`) tells, µs per call
 */
export interface FloorCosts {
  /**
   * Its cost over the baseline
   */
  overhead: number;
  /**
   * Ours over it, by the wall clock
   */
  oursOver: number;
  /**
   * Ours over it, in CPU time
   */
  oursOverCpu: number;
}

/**
 * The `floor` contender's figures: a global interceptor that only calls
 * `next()`
 */
export interface FloorFigures extends VariantFigures, FloorCosts {
  /**
   * The same costs from the quiet rounds of each contender
   */
  quiet: FloorCosts;
}

/**
 * What the `lookups` contender (the lookups a faithful decision makes
 * through LoopBack's public API and the vote, nothing else) tells, µs per
 * call
 */
export interface LookupsCosts {
  /**
   * Its cost over the baseline
   */
  overhead: number;
  /**
   * Its cost over the floor, by the wall clock
   */
  overFloor: number;
  /**
   * Its cost over the floor, in CPU time
   */
  overFloorCpu: number;
  /**
   * Ours over it, by the wall clock
   */
  oursOver: number;
  /**
   * Ours over it, in CPU time
   */
  oursOverCpu: number;
}

/**
 * The `lookups` contender's figures
 */
export interface LookupsFigures extends VariantFigures, LookupsCosts {
  /**
   * The same costs from the quiet rounds of each contender
   */
  quiet: LookupsCosts;
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
 * How much one contender costs over another, µs per call
 */
export type CostMeasure = (
  a: VariantFigures,
  b: VariantFigures,
  cpu?: boolean,
) => number;

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

function floorCosts(
  cost: CostMeasure,
  {baseline, ours, floor}: Required<Omit<TimedFigures, 'lookups'>>,
): FloorCosts {
  return {
    overhead: cost(floor, baseline),
    oursOver: cost(ours, floor),
    oursOverCpu: cost(ours, floor, true),
  };
}

function lookupsCosts(
  cost: CostMeasure,
  {baseline, ours, floor, lookups}: Required<TimedFigures>,
): LookupsCosts {
  return {
    overhead: cost(lookups, baseline),
    overFloor: cost(lookups, floor),
    overFloorCpu: cost(lookups, floor, true),
    oursOver: cost(ours, lookups),
    oursOverCpu: cost(ours, lookups, true),
  };
}

/**
 * Compare the yardsticks a scenario timed with the baseline, with each other
 * and with ours: by the differences within each round, and by the quiet
 * rounds of each. The lookups contender is compared only when the floor ran
 * beside it.
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
  const all = {baseline, ours, floor};
  return {
    floor: {
      ...floor,
      ...floorCosts(costOver, all),
      quiet: floorCosts(quietCostOver, all),
    },
    ...(lookups && {
      lookups: {
        ...lookups,
        ...lookupsCosts(costOver, {...all, lookups}),
        quiet: lookupsCosts(quietCostOver, {...all, lookups}),
      },
    }),
  };
}
