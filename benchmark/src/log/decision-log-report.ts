// Copyright The loopback-security-monorepo authors. License: MIT.

import {checkTarget, Target} from '../targets';
import type {DecisionLogResult} from './decision-log.scenario';

/**
 * The most the decision log may add to a call, in µs
 */
export const DECISION_LOG_LIMIT_US = 1;

/**
 * The decision log's results as a table
 * @param result - The results
 */
export function formatDecisionLog(result: DecisionLogResult): string {
  const us = (value: number) => value.toFixed(2);
  const signed = (value: number) =>
    `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
  return [
    '| invokeMethod, ours, 1 voter, with a user | µs/call |',
    '| ---------------------------------------- | ------: |',
    `| no decision listener | ${us(result.microseconds.none)} |`,
    `| a listener that does nothing (the record is built) | ${us(result.microseconds.emptyListener)} |`,
    `| the console's decision log mounted | ${us(result.microseconds.log)} |`,
    '',
    `Decision log: ${signed(result.logOverNone)} µs per call over no listener ` +
      `(rounds' quartiles ${signed(result.logOverNoneSpread[0])} to ` +
      `${signed(result.logOverNoneSpread[1])} µs) ` +
      `(the record the pipeline builds for any listener, and the log's own ` +
      `${signed(result.logOverEmptyListener)} µs); quiet rounds: ` +
      `${signed(result.quiet.logOverNone)} and ${signed(result.quiet.logOverEmptyListener)} µs. ` +
      `Medians of the differences within each round of ${result.callsPerBatch} calls; ` +
      `${result.recorded.toLocaleString('en-US')} decisions recorded.`,
  ].join('\n');
}

/**
 * The target of the decision log
 * @param result - The results, when the scenario ran
 */
export function decisionLogTargets(
  result: DecisionLogResult | undefined,
): Target[] {
  if (!result) return [];
  return [
    checkTarget(
      'decision log mounted: µs per call over no decision listener',
      result.logOverNone,
      'at most',
      DECISION_LOG_LIMIT_US,
    ),
  ];
}
