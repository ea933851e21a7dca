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
 * A target checked: whether `value` respects the bound; `NaN` never does
 * @param description - What is checked
 * @param value - The measured figure
 * @param bound - Whether the limit is a maximum or a minimum
 * @param limit - The limit
 */
export function checkTarget(
  description: string,
  value: number,
  bound: Target['bound'],
  limit: number,
): Target {
  const met = bound === 'at most' ? value <= limit : value >= limit;
  return {description, value, limit, bound, met};
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
    targets.push(
      checkTarget(
        `invokeMethod, ${scenario.title}: overhead ours/published`,
        scenario.ratio,
        'at most',
        INVOCATION_RATIO_LIMIT,
      ),
    );
  }
  const oneVoter = results.invocation.find(
    s => s.decorated && s.voters === 1 && s.withUser && s.floor != null,
  );
  if (oneVoter?.floor != null) {
    const margin = oneVoter.floor.oursOver;
    targets.push(
      checkTarget(
        `invokeMethod, ${oneVoter.title}: ours over the floor, µs`,
        margin,
        'at most',
        FLOOR_MARGIN_LIMIT_US,
      ),
    );
  }
  const http = results.http;
  if (http != null) {
    targets.push(
      checkTarget(
        'HTTP: server CPU overhead per request, ours/published',
        http.cpuRatio,
        'at most',
        HTTP_CPU_RATIO_LIMIT,
      ),
    );
    targets.push(
      checkTarget(
        'HTTP: requests per second, ours/no authorization',
        http.throughput.ours,
        'at least',
        HTTP_THROUGHPUT_LIMIT,
      ),
    );
  }
  const propagation = results.propagation;
  if (propagation != null && !('skipped' in propagation)) {
    targets.push(
      checkTarget(
        'propagation between instances: p99 delay in ms',
        propagation.delays.p99,
        'at most',
        PROPAGATION_P99_LIMIT_MS,
      ),
    );
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
