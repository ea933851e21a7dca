// Copyright The loopback-security-monorepo authors. License: MIT.

import {benchmarkVoters} from '../fixtures';
import {
  ContenderName,
  createInvocationVariants,
  VARIANT_NAMES,
  VariantName,
} from '../invocation-variants';
import {RoundsOptions, runRounds} from '../rounds';
import {summarizeInvocationRounds} from './invocation-summary';
import type {QuietOverheads} from './quiet-rounds';
import type {FloorFigures, LookupsFigures} from './yardsticks';
import type {RatioSpread} from '../statistics';

/**
 * A scenario of method invocations: the three variants with the same voters
 * and the same caller
 */
export interface InvocationScenario {
  /**
   * A short id, for the JSON results and for picking scenarios
   */
  id: string;
  /**
   * What it measures, for the table
   */
  title: string;
  /**
   * How many voters are bound; all but the last abstain, the last allows
   */
  voters: number;
  /**
   * Whether each call has a user
   */
  withUser: boolean;
  /**
   * Whether the method has authorization metadata
   */
  decorated: boolean;
  /**
   * Whether to time the `floor` contender too: a global interceptor that
   * only calls `next()`
   */
  withFloor?: boolean;
  /**
   * Whether to time the `lookups` contender too, and the floor with it: the
   * lookups a faithful decision makes through LoopBack's public API and the
   * vote, nothing else (for a decorated method)
   */
  withLookups?: boolean;
}

/**
 * The figures of one variant in a scenario
 */
export interface VariantFigures {
  /**
   * Median microseconds per call over the rounds
   */
  microseconds: number;
  /**
   * Calls per second at that median
   */
  callsPerSecond: number;
  /**
   * Half the interquartile range over the median: the noise, roughly
   */
  spread: number;
  /**
   * Median CPU microseconds per call over the rounds (this process, all
   * threads): steadier than the wall clock when other processes compete
   */
  cpuMicroseconds: number;
  /**
   * Wall-clock microseconds per call in its quiet rounds: the
   * `QUIET_QUANTILE` of its rounds, what it costs when the machine leaves it
   * alone
   */
  quietMicroseconds: number;
  /**
   * CPU microseconds per call in its quiet rounds, the same way
   */
  quietCpuMicroseconds: number;
  /**
   * Wall-clock microseconds per call of each round
   */
  rounds: number[];
  /**
   * CPU microseconds per call of each round
   */
  cpuRounds: number[];
}

/**
 * The results of an invocation scenario
 */
export interface InvocationScenarioResult extends InvocationScenario {
  /**
   * Calls of each variant in a round
   */
  callsPerBatch: number;
  /**
   * The figures of each variant
   */
  variants: Record<VariantName, VariantFigures>;
  /**
   * Microseconds per call over the baseline: the median over the rounds of
   * the difference within each round
   */
  overhead: {published: number; ours: number};
  /**
   * Our overhead over the published package's: the median over the rounds
   * of the ratio within each round; `NaN` when no round gave one
   */
  ratio: number;
  /**
   * The spread of that ratio over the rounds
   */
  ratioSpread: RatioSpread;
  /**
   * CPU microseconds per call over the baseline, the same way
   */
  cpuOverhead: {published: number; ours: number};
  /**
   * The ratio of the CPU overheads, the same way
   */
  cpuRatio: number;
  /**
   * The spread of the CPU ratio over the rounds
   */
  cpuRatioSpread: RatioSpread;
  /**
   * The overheads and their ratios from the quiet rounds of each variant,
   * beside the medians above (which the targets read)
   */
  quiet: QuietOverheads;
  /**
   * The `floor` contender, if it ran: its figures, its overhead over the
   * baseline, and ours over it
   */
  floor?: FloorFigures;
  /**
   * The `lookups` contender, if it ran beside the floor: its figures, its
   * overheads over the baseline and over the floor, and ours over it
   */
  lookups?: LookupsFigures;
}

/**
 * The decorated-method scenarios: each voter count, with a user and without
 *
 * @param voterCounts - The voter counts
 */
export function invokeMethodScenarios(
  voterCounts: readonly number[],
): InvocationScenario[] {
  const scenarios: InvocationScenario[] = [];
  for (const voters of voterCounts) {
    for (const withUser of [true, false]) {
      scenarios.push({
        id: `invoke-${voters}-${withUser ? 'user' : 'anonymous'}`,
        title: `${voters} voter${voters === 1 ? '' : 's'}, ${
          withUser ? 'with a user' : 'no user'
        }`,
        voters,
        withUser,
        decorated: true,
        // The floor target: ours with 1 voter within 1 µs of the
        // floor, measured in the same rounds, beside the least a faithful
        // decision costs through LoopBack's public API
        ...(voters === 1 && withUser && {withFloor: true, withLookups: true}),
      });
    }
  }
  return scenarios;
}

/**
 * The contenders of a scenario, in the order of the first round: the three
 * variants, then the floor and the lookups contender when the scenario asks
 * for them
 *
 * @param scenario - The scenario
 */
export function scenarioContenders(
  scenario: Pick<InvocationScenario, 'withFloor' | 'withLookups'>,
): ContenderName[] {
  const names: ContenderName[] = [...VARIANT_NAMES];
  // The lookups contender is read against the floor of the same rounds
  if (scenario.withFloor === true || scenario.withLookups === true) {
    names.push('floor');
  }
  if (scenario.withLookups === true) names.push('lookups');
  return names;
}

/**
 * Time the contenders of a scenario in alternating rounds
 *
 * @param scenario - The scenario
 * @param options - Warm-up, rounds and batch length
 */
export async function runInvocationScenario(
  scenario: InvocationScenario,
  options: RoundsOptions,
): Promise<InvocationScenarioResult> {
  const variants = createInvocationVariants(
    {
      voters: benchmarkVoters(scenario.voters),
      withUser: scenario.withUser,
      decorated: scenario.decorated,
    },
    scenarioContenders(scenario),
  );
  return summarizeInvocationRounds(
    scenario,
    await runRounds(variants, options),
  );
}
