// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  ContenderName,
  VARIANT_NAMES,
  VariantName,
} from '../invocation-variants';
import {RoundsResult} from '../rounds';
import {median, quietRounds, relativeSpread, roundRatios} from '../statistics';
import type {
  InvocationScenario,
  InvocationScenarioResult,
  VariantFigures,
} from './invoke-method.scenario';
import {quietOverheads} from './quiet-rounds';
import {compareYardsticks, costOver} from './yardsticks';

/**
 * The figures of one contender from its rounds: medians, spread and quiet
 * rounds, by the wall clock and in CPU time
 *
 * @param rounds - Wall-clock µs per call, one a round
 * @param cpuRounds - CPU µs per call, one a round
 */
export function variantFigures(
  rounds: number[],
  cpuRounds: number[],
): VariantFigures {
  const us = median(rounds);
  return {
    microseconds: us,
    callsPerSecond: 1e6 / us,
    spread: relativeSpread(rounds),
    cpuMicroseconds: median(cpuRounds),
    quietMicroseconds: quietRounds(rounds),
    quietCpuMicroseconds: quietRounds(cpuRounds),
    rounds,
    cpuRounds,
  };
}

/**
 * The results of an invocation scenario from the times of its rounds: each
 * contender's figures, the overheads over the baseline and their ratio (the
 * medians of the figures within each round, which the targets read, and the
 * quiet-rounds estimate beside them), and the yardsticks that ran
 *
 * @param scenario - The scenario
 * @param times - The times of its rounds, for every contender it timed
 */
export function summarizeInvocationRounds(
  scenario: InvocationScenario,
  {callsPerBatch, microseconds, cpuMicroseconds}: RoundsResult<ContenderName>,
): InvocationScenarioResult {
  const figuresOf = (name: ContenderName) =>
    variantFigures(microseconds[name], cpuMicroseconds[name]);
  // The floor and the lookups contender run only in some scenarios
  const yardstick = (name: 'floor' | 'lookups') =>
    name in microseconds ? figuresOf(name) : undefined;
  const figures = {} as Record<VariantName, VariantFigures>;
  for (const name of VARIANT_NAMES) figures[name] = figuresOf(name);
  const {baseline, published, ours} = figures;
  const ratioSpread = roundRatios(
    ours.rounds,
    published.rounds,
    baseline.rounds,
  );
  const cpuRatioSpread = roundRatios(
    ours.cpuRounds,
    published.cpuRounds,
    baseline.cpuRounds,
  );
  return {
    ...scenario,
    callsPerBatch,
    variants: figures,
    overhead: {
      published: costOver(published, baseline),
      ours: costOver(ours, baseline),
    },
    ratio: ratioSpread.median,
    ratioSpread,
    cpuOverhead: {
      published: costOver(published, baseline, true),
      ours: costOver(ours, baseline, true),
    },
    cpuRatio: cpuRatioSpread.median,
    cpuRatioSpread,
    quiet: quietOverheads(figures),
    ...compareYardsticks({
      baseline,
      ours,
      floor: yardstick('floor'),
      lookups: yardstick('lookups'),
    }),
  };
}
