// Copyright The loopback-security-monorepo authors. License: MIT.

import {nanoseconds} from '../format';
import {checkTarget, Target} from '../targets';
import {PolicyScenarioResult} from './policy.scenario';

/**
 * The rule counts of the policy scenarios
 */
export const POLICY_RULE_COUNTS: readonly number[] = [10, 1_000, 100_000];

/**
 * The smallest casbin/ours ratio of decision times at 1,000 rules
 */
export const POLICY_CASBIN_RATIO_LIMIT = 10;

/**
 * The largest ours/CASL ratio of decision times at 1,000 rules
 */
export const POLICY_CASL_RATIO_LIMIT = 2;

/**
 * The largest time of one decision at 100,000 rules, in nanoseconds
 */
export const POLICY_LARGE_DECISION_LIMIT_NS = 5_000;

/**
 * The policy results as a Markdown table
 * @param results - One result a rule count
 */
export function formatPolicyTable(
  results: readonly PolicyScenarioResult[],
): string {
  const header = [
    '| rules | ours decide | casbin enforceSync | CASL can() | casbin/ours | ours/CASL | ours, owner condition | CASL, owner condition | ours filter | CASL rulesToCondition |',
    '| ----: | ----------: | -----------------: | ---------: | ----------: | --------: | --------------------: | --------------------: | ----------: | --------------------: |',
  ];
  const rows = results.map(r =>
    [
      '',
      r.rules.toLocaleString('en-US'),
      nanoseconds(r.decision.ours),
      nanoseconds(r.decision.casbin),
      nanoseconds(r.decision.casl),
      `${(r.decision.casbin / r.decision.ours).toFixed(0)}×`,
      `${(r.decision.ours / r.decision.casl).toFixed(2)}×`,
      nanoseconds(r.conditional.ours),
      nanoseconds(r.conditional.casl),
      nanoseconds(r.filter.ours),
      nanoseconds(r.filter.casl),
      '',
    ]
      .join(' | ')
      .trim(),
  );
  return [...header, ...rows].join('\n');
}

/**
 * The targets of the policy engine
 * @param results - One result a rule count
 */
export function policyTargets(
  results: readonly PolicyScenarioResult[],
): Target[] {
  const targets: Target[] = [];
  const thousand = results.find(r => r.rules === 1_000);
  if (thousand) {
    const casbin = thousand.decision.casbin / thousand.decision.ours;
    const casl = thousand.decision.ours / thousand.decision.casl;
    targets.push(
      checkTarget(
        'policy, 1,000 rules: decision time casbin/ours',
        casbin,
        'at least',
        POLICY_CASBIN_RATIO_LIMIT,
      ),
      checkTarget(
        'policy, 1,000 rules: decision time ours/CASL',
        casl,
        'at most',
        POLICY_CASL_RATIO_LIMIT,
      ),
    );
  }
  const large = results.find(r => r.rules === 100_000);
  if (large) {
    targets.push(
      checkTarget(
        'policy, 100,000 rules: ns per decision, ours',
        large.decision.ours,
        'at most',
        POLICY_LARGE_DECISION_LIMIT_NS,
      ),
    );
  }
  return targets;
}
