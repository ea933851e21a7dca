// Copyright The loopback-security-monorepo authors. License: MIT.

import {nanoseconds, table} from '../format';
import {checkTarget, Target} from '../targets';
import {
  CROWDED_RULE_COUNTS,
  CrowdedScenarioResult,
  CrowdedShape,
  Spread,
} from './crowded-bucket.scenario';

/**
 * The largest time of one decision in a crowded bucket of 100,000 rules,
 * in nanoseconds
 */
export const CROWDED_DECISION_LIMIT_NS = 10_000;

/**
 * The largest ratio of the times to load 100,000 and 10,000 rules: 10 for a
 * cost in O(n), some 12.5 in O(n log n), 100 in O(n²)
 */
export const CROWDED_APPLY_GROWTH_LIMIT = 20;

/**
 * The largest ratio of the times of one upsert into buckets of 100,000 and
 * 10,000 rules: 1 for a cost in O(1), 10 for one in O(n)
 */
export const CROWDED_UPSERT_GROWTH_LIMIT = 3;

const TITLES: Record<CrowdedShape, string> = {
  tenant: "a tenant each, `{tenantId: 't<i>'}`",
  owner:
    "an owner each, `{and: [{ownerId: 'u<i>'}, {status: {neq: 'cancelled'}}]}`",
};

function withSpread(s: Spread, unit = 1): string {
  const [median, low, high] = [s.median, s.low, s.high].map(v => v * unit);
  return `${nanoseconds(median)} (${nanoseconds(low)}–${nanoseconds(high)})`;
}

/**
 * The crowded buckets as a Markdown table
 * @param results - One result a shape and rule count
 */
export function formatCrowdedTable(
  results: readonly CrowdedScenarioResult[],
): string {
  return table(
    [
      'crowded bucket: one role, resource and action, rules with',
      'rules',
      'apply() all',
      'apply() per rule',
      'upsert() one',
      'decide() an order',
    ],
    results.map(r => [
      TITLES[r.shape],
      r.rules.toLocaleString('en-US'),
      withSpread(r.apply, 1e6),
      nanoseconds((r.apply.median * 1e6) / r.rules),
      withSpread(r.upsert),
      withSpread(r.decision),
    ]),
  );
}

/**
 * The targets of crowded buckets: the decision time at 100,000 rules, and
 * how the load and the upsert grow from 10,000 to 100,000 rules
 * @param results - One result a shape and rule count
 */
export function crowdedTargets(
  results: readonly CrowdedScenarioResult[],
): Target[] {
  const [small, large] = CROWDED_RULE_COUNTS;
  const targets: Target[] = [];
  for (const shape of new Set(results.map(r => r.shape))) {
    const of = (rules: number) =>
      results.find(r => r.shape === shape && r.rules === rules);
    const [few, many] = [of(small), of(large)];
    if (!many) continue;
    const name = `policy, crowded bucket (${shape})`;
    targets.push(
      checkTarget(
        `${name}, 100,000 rules: ns per decision`,
        many.decision.median,
        'at most',
        CROWDED_DECISION_LIMIT_NS,
      ),
    );
    if (!few) continue;
    targets.push(
      checkTarget(
        `${name}: apply() time, 100,000 rules / 10,000 rules`,
        many.apply.median / few.apply.median,
        'at most',
        CROWDED_APPLY_GROWTH_LIMIT,
      ),
      checkTarget(
        `${name}: upsert() time, bucket of 100,000 / of 10,000`,
        many.upsert.median / few.upsert.median,
        'at most',
        CROWDED_UPSERT_GROWTH_LIMIT,
      ),
    );
  }
  return targets;
}
