// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  AuthorizationDecisionRecord,
  AuthorizationTags,
  DecisionListener,
} from '@loopback/authorization';
import {
  AuthorizationConsoleBindings,
  AuthorizationConsoleComponent,
} from '@loopback/authorization-console';
import {Application} from '@loopback/core';
import {benchmarkVoters} from '../fixtures';
import {createInvocationVariant} from '../invocation-variants';
import {Contender, RoundsOptions, runRounds} from '../rounds';
import {
  median,
  pairedDifference,
  pairedDifferences,
  quantileOf,
  quietRounds,
} from '../statistics';

/**
 * The three ways ours decides in this scenario: no decision listener (no
 * record is built), a listener that does nothing (the record is built: the
 * pipeline's part), and the console's decision log mounted (the record is
 * built and kept)
 */
export type LogContenderName = 'none' | 'emptyListener' | 'log';

const CONTENDERS: readonly LogContenderName[] = [
  'none',
  'emptyListener',
  'log',
];

/**
 * What the decision log costs a call
 */
export interface DecisionLogResult {
  /**
   * Calls of each contender in a round
   */
  callsPerBatch: number;
  /**
   * Median µs per call of each contender
   */
  microseconds: Record<LogContenderName, number>;
  /**
   * µs per call of the log over no listener: the median over the rounds of
   * the difference within each round (what mounting the console costs)
   */
  logOverNone: number;
  /**
   * The spread of that difference over the rounds: its first and third
   * quartiles, µs per call
   */
  logOverNoneSpread: [number, number];
  /**
   * µs per call of the log over a listener that does nothing: the log's
   * own part
   */
  logOverEmptyListener: number;
  /**
   * The same two in the quiet rounds (the 10th percentile of each)
   */
  quiet: {logOverNone: number; logOverEmptyListener: number};
  /**
   * Decisions the log held at the end, as a check that it recorded
   */
  recorded: number;
}

function contender(
  name: LogContenderName,
): Contender<LogContenderName> & {app: Application} {
  const variant = createInvocationVariant('ours', {
    voters: benchmarkVoters(1),
    withUser: true,
  });
  const {app} = variant;
  if (name === 'emptyListener') {
    const nothing: DecisionListener = () => {};
    app
      .bind('listeners.nothing')
      .to(nothing)
      .tag(AuthorizationTags.DECISION_LISTENER);
  } else if (name === 'log') {
    app.component(AuthorizationConsoleComponent);
  }
  return {name, app, call: () => variant.call()};
}

/**
 * Time ours with 1 voter and a user, without a decision listener, with one
 * that does nothing and with the console's decision log, in alternating
 * rounds of the same run
 *
 * @param options - Warm-up, rounds and batch length
 */
export async function runDecisionLogScenario(
  options: RoundsOptions,
): Promise<DecisionLogResult> {
  const contenders = CONTENDERS.map(contender);
  const rounds = await runRounds(contenders, options);
  const us = rounds.microseconds;
  const log = await contenders[2].app.get(
    AuthorizationConsoleBindings.DECISION_LOG,
  );
  const recent = log.recent();
  return {
    callsPerBatch: rounds.callsPerBatch,
    microseconds: {
      none: median(us.none),
      emptyListener: median(us.emptyListener),
      log: median(us.log),
    },
    logOverNone: pairedDifference(us.log, us.none),
    logOverNoneSpread: quartiles(pairedDifferences(us.log, us.none)),
    logOverEmptyListener: pairedDifference(us.log, us.emptyListener),
    quiet: {
      logOverNone: quietRounds(us.log) - quietRounds(us.none),
      logOverEmptyListener: quietRounds(us.log) - quietRounds(us.emptyListener),
    },
    recorded: isRecord(recent[0]?.record) ? log.total : 0,
  };
}

function quartiles(values: readonly number[]): [number, number] {
  return [quantileOf(values, 0.25), quantileOf(values, 0.75)];
}

function isRecord(value: AuthorizationDecisionRecord | undefined): boolean {
  return value?.decision === 'Allow';
}
