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
 * 64 rule numbers spread over the bucket, and every other one past it
 */
function picks(count: number): number[] {
  return Array.from({length: 64}, (_, i) =>
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
 * Time a crowded bucket: `applyRounds` loads of every rule, then one upsert
 * and one decision in `options.rounds` rounds each
 * @param shape - How the rules differ
 * @param count - How many rules
 * @param applyRounds - How many times to load them
 * @param options - How to time the upserts and the decisions
 * @returns The figures, and the problems of the check
 */
export function runCrowdedScenario(
  shape: CrowdedShape,
  count: number,
  applyRounds: number,
  options: PolicyTimingOptions,
): {result: CrowdedScenarioResult; problems: string[]} {
  const loads: number[] = [];
  let engine: PolicyEngine | undefined;
  for (let round = 0; round < applyRounds; round++) {
    engine = undefined; // let the last round's rules go first
    const loaded = loadCrowdedBucket(shape, count);
    engine = loaded.engine;
    loads.push(loaded.ms);
  }
  const problems = checkCrowdedBucket(shape, count, engine);
  const orders = picks(count).map(i => order(shape, i));
  // Each upsert rewrites a rule of the bucket: it leaves and comes back
  const rewrites = picks(count).map(i => crowdedRule(shape, i % count));
  const decisions = timeSyncRounds(
    {decide: (o: Order) => engine!.decide(SUPPORT, 'Order', 'read', o)},
    orders,
    options,
  ).decide;
  const upserts = timeSyncRounds(
    {upsert: (rule: Rule) => engine!.upsert(rule)},
    rewrites,
    options,
  ).upsert;
  return {
    result: {
      shape,
      rules: count,
      apply: spread(loads),
      upsert: spread(upserts),
      decision: spread(decisions),
    },
    problems,
  };
}
