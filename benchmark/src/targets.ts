// Copyright The loopback-security-monorepo authors. License: MIT.

import {HttpScenarioResult} from './scenarios/http.scenario';
import {InvocationScenarioResult} from './scenarios/invoke-method.scenario';
import {PropagationScenarioResult} from './scenarios/propagation.scenario';

/**
 * One speed target of the project, checked against a run
 */
export interface Target {
  /**
   * What is checked
   */
  description: string;
  /**
   * The measured figure
   */
  value: number;
  /**
   * The bound it must respect
   */
  limit: number;
  /**
   * Whether the bound is a maximum or a minimum
   */
  bound: 'at most' | 'at least';
  /**
   * Whether it does
   */
  met: boolean;
}

/**
 * The largest ours/published ratio of invocation overheads, with 1 and with
 * 10 voters
 */
export const INVOCATION_RATIO_LIMIT = 0.2;

/**
 * The most that our overhead with 1 voter and a user may exceed the floor's
 * (a global interceptor that only calls `next()`), in µs per call
 */
export const FLOOR_MARGIN_LIMIT_US = 1;

/**
 * The largest ours/published ratio of server CPU overhead per request
 */
export const HTTP_CPU_RATIO_LIMIT = 0.3;

/**
 * The smallest share of the unprotected route's requests per second that
 * ours must keep
 */
export const HTTP_THROUGHPUT_LIMIT = 0.97;

/**
 * The largest 99th percentile of the propagation delay, in milliseconds
 */
export const PROPAGATION_P99_LIMIT_MS = 1000;

/**
 * Check the targets against the results of a run
 * @param results - The results
 */
export function evaluateTargets(results: {
  invocation: readonly InvocationScenarioResult[];
  http?: HttpScenarioResult;
  propagation?: PropagationScenarioResult;
}): Target[] {
  const targets: Target[] = [];
  for (const scenario of results.invocation) {
    if (!scenario.decorated || ![1, 10].includes(scenario.voters)) continue;
    targets.push({
      description: `invokeMethod, ${scenario.title}: overhead ours/published`,
      value: scenario.ratio,
      limit: INVOCATION_RATIO_LIMIT,
      bound: 'at most',
      met: scenario.ratio <= INVOCATION_RATIO_LIMIT,
    });
  }
  const oneVoter = results.invocation.find(
    s => s.decorated && s.voters === 1 && s.withUser && s.floor != null,
  );
  if (oneVoter?.floor != null) {
    const margin = oneVoter.floor.oursOver;
    targets.push({
      description: `invokeMethod, ${oneVoter.title}: ours over the floor, µs`,
      value: margin,
      limit: FLOOR_MARGIN_LIMIT_US,
      bound: 'at most',
      met: margin <= FLOOR_MARGIN_LIMIT_US,
    });
  }
  const http = results.http;
  if (http != null) {
    targets.push({
      description: 'HTTP: server CPU overhead per request, ours/published',
      value: http.cpuRatio,
      limit: HTTP_CPU_RATIO_LIMIT,
      bound: 'at most',
      met: http.cpuRatio <= HTTP_CPU_RATIO_LIMIT,
    });
    targets.push({
      description: 'HTTP: requests per second, ours/no authorization',
      value: http.throughput.ours,
      limit: HTTP_THROUGHPUT_LIMIT,
      bound: 'at least',
      met: http.throughput.ours >= HTTP_THROUGHPUT_LIMIT,
    });
  }
  const propagation = results.propagation;
  if (propagation != null && !('skipped' in propagation)) {
    targets.push({
      description: 'propagation between instances: p99 delay in ms',
      value: propagation.delays.p99,
      limit: PROPAGATION_P99_LIMIT_MS,
      bound: 'at most',
      met: propagation.delays.p99 <= PROPAGATION_P99_LIMIT_MS,
    });
  }
  return targets;
}

/**
 * The targets as a list
 * @param targets - The targets
 */
export function formatTargets(targets: readonly Target[]): string {
  return targets
    .map(
      t =>
        `- ${t.met ? 'met' : 'NOT met'}: ${t.description} = ` +
        `${t.value.toFixed(3)} (${t.bound} ${t.limit})`,
    )
    .join('\n');
}
