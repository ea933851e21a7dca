// Copyright The loopback-security-monorepo authors. License: MIT.

import {
  PolicyCaller,
  PolicyEngine,
  ResourceSchema,
  Rule,
} from '@loopback/authorization-policy';
import {quantileOf} from '../statistics';
import {PolicyTimingOptions, timeSyncRounds} from './policy.scenario';

/**
 * The rule counts of the crowded buckets: two, so that the report can say
 * how each cost grows with the bucket
 */
export const CROWDED_RULE_COUNTS: readonly number[] = [10_000, 100_000];

/**
 * How the rules of a crowded bucket differ: each names a tenant, or an
 * owner (and a status), as per-tenant and per-instance grants do
 */
export type CrowdedShape = 'tenant' | 'owner';

/**
 * The shapes, in the order they run
 */
export const CROWDED_SHAPES: readonly CrowdedShape[] = ['tenant', 'owner'];

const ORDER: ResourceSchema = {
  name: 'Order',
  properties: {
    id: 'string',
    tenantId: 'string',
    ownerId: 'string',
    status: 'string',
  },
};

/**
 * The caller of every decision: the role of every rule; frozen, as the
 * package's helpers make callers
 */
const SUPPORT: PolicyCaller = Object.freeze({
  id: 'agent',
  roles: Object.freeze(['support']),
  attributes: Object.freeze({id: 'agent'}),
});

/**
 * Rule `i` of a crowded bucket: `support` may read the orders of tenant
 * `t<i>`, or those of owner `u<i>` that are not cancelled
 * @param shape - How the rules differ
 * @param i - Its number
 */
export function crowdedRule(shape: CrowdedShape, i: number): Rule {
  return {
    id: `r${i}`,
    effect: 'allow',
    resource: 'Order',
    actions: ['read'],
    subjects: ['support'],
    where:
      shape === 'tenant'
        ? {tenantId: `t${i}`}
        : {and: [{ownerId: `u${i}`}, {status: {neq: 'cancelled'}}]},
  };
}

type Order = Record<string, string>;

/**
 * An order that rule `i` allows (`i` below the rule count), or that no rule
 * does (`i` past it)
 */
function order(shape: CrowdedShape, i: number): Order {
  return shape === 'tenant'
    ? {id: `o${i}`, tenantId: `t${i}`, ownerId: 'u-none', status: 'placed'}
    : {id: `o${i}`, tenantId: 't-none', ownerId: `u${i}`, status: 'placed'};
}

/**
 * How many questions each bucket is asked in turn
 */
const QUESTIONS = 64;

/**
 * {@link QUESTIONS} rule numbers spread over the bucket, and every other one
 * past it
 */
function picks(count: number): number[] {
  return Array.from({length: QUESTIONS}, (_, i) =>
    i % 2 === 0 ? (i * 7919) % count : count + i,
  );
}

/**
 * A figure and its spread over the rounds
 */
export interface Spread {
  /** The median */
  median: number;
  /** The first quartile */
  low: number;
  /** The third quartile */
  high: number;
}

function spread(rounds: readonly number[]): Spread {
  return {
    median: quantileOf(rounds, 0.5),
    low: quantileOf(rounds, 0.25),
    high: quantileOf(rounds, 0.75),
  };
}

/**
 * The figures of one crowded bucket
 */
export interface CrowdedScenarioResult {
  /** How its rules differ */
  shape: CrowdedShape;
  /** How many rules it holds */
  rules: number;
  /** `apply()` of every rule into an empty engine, milliseconds */
  apply: Spread;
  /** `upsert()` of one rule of the bucket, rewritten, nanoseconds */
  upsert: Spread;
  /** `decide()` of one order, nanoseconds */
  decision: Spread;
}

/**
 * Load `count` rules of a shape into an engine with one `apply()`
 * @returns The engine and the milliseconds it took
 */
export function loadCrowdedBucket(
  shape: CrowdedShape,
  count: number,
): {engine: PolicyEngine; ms: number} {
  const changes = Array.from({length: count}, (_, i) => ({
    kind: 'upsert' as const,
    rule: crowdedRule(shape, i),
  }));
  const engine = new PolicyEngine([ORDER]);
  const start = process.hrtime.bigint();
  engine.apply(changes);
  return {engine, ms: Number(process.hrtime.bigint() - start) / 1e6};
}

/**
 * Check that a crowded bucket decides as its rules say; returns the problems
 * @param shape - How the rules differ
 * @param count - How many rules
 * @param engine - The engine holding them, loaded when not given
 */
export function checkCrowdedBucket(
  shape: CrowdedShape,
  count: number,
  engine = loadCrowdedBucket(shape, count).engine,
): string[] {
  const problems: string[] = [];
  for (const i of picks(count)) {
    const decision = engine.decide(SUPPORT, 'Order', 'read', order(shape, i));
    const expected = i < count ? `r${i}` : undefined;
    if (decision.allowed !== i < count || decision.ruleId !== expected) {
      problems.push(
        `crowded bucket of ${count} rules (${shape}): order ${i} decided ` +
          `${JSON.stringify(decision)}`,
      );
    }
  }
  return problems;
}

/**
 * Time crowded buckets of one shape and several sizes side by side: one
 * upsert and one decision in `options.rounds` alternating rounds, so that
 * the sizes share the machine's ups and downs and their ratios say how each
 * cost grows, and `applyRounds` loads of every rule of each
 * @param shape - How the rules differ
 * @param counts - How many rules, one bucket each
 * @param applyRounds - How many times to load each
 * @param options - How to time the upserts and the decisions
 * @returns The figures, one a count, and the problems of the checks
 */
export function runCrowdedScenario(
  shape: CrowdedShape,
  counts: readonly number[],
  applyRounds: number,
  options: PolicyTimingOptions,
): {results: CrowdedScenarioResult[]; problems: string[]} {
  const loads = counts.map(() => [] as number[]);
  const load = (count: number, c: number) => {
    const loaded = loadCrowdedBucket(shape, count);
    loads[c].push(loaded.ms);
    return loaded.engine;
  };
  // The first load gives the engines to ask; the others come after the
  // upserts and decisions, so that their garbage does not weigh on them
  const engines = counts.map(load);
  const problems = counts.flatMap((count, c) =>
    checkCrowdedBucket(shape, count, engines[c]),
  );
  // The k-th question of each bucket: an order to decide, and a rule to
  // rewrite (it leaves the bucket and comes back)
  const ks = Array.from({length: QUESTIONS}, (_, k) => k);
  const orders = counts.map(count => picks(count).map(i => order(shape, i)));
  const rewrites = counts.map(count =>
    picks(count).map(i => crowdedRule(shape, i % count)),
  );
  const contenders = (
    call: (engine: PolicyEngine, c: number, k: number) => unknown,
  ) =>
    Object.fromEntries(
      counts.map((count, c) => [
        String(count),
        (k: number) => call(engines[c], c, k),
      ]),
    );
  const decisions = timeSyncRounds(
    contenders((e, c, k) => e.decide(SUPPORT, 'Order', 'read', orders[c][k])),
    ks,
    options,
  );
  const upserts = timeSyncRounds(
    contenders((e, c, k) => e.upsert(rewrites[c][k])),
    ks,
    options,
  );
  engines.length = 0;
  for (let round = 1; round < applyRounds; round++) counts.forEach(load);
  const results = counts.map((count, c) => ({
    shape,
    rules: count,
    apply: spread(loads[c]),
    upsert: spread(upserts[String(count)]),
    decision: spread(decisions[String(count)]),
  }));
  return {results, problems};
}
