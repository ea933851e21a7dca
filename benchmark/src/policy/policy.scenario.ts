// Copyright The loopback-security-monorepo authors. License: MIT.

import {subject} from '@casl/ability';
import {rulesToCondition} from '@casl/ability/extra';
import {median} from '../statistics';
import {
  givenEngines,
  givenGrants,
  givenQuestions,
  Question,
} from './policy-fixtures';

/**
 * How CASL's list filter is combined: MongoDB-style `$and` and `$or`
 */
const MONGO_HOOKS = {
  and: (items: object[]) => ({$and: items}),
  or: (items: object[]) => ({$or: items}),
  empty: () => ({}),
};

/**
 * The figures of one rule count, nanoseconds per call (medians of rounds)
 */
export interface PolicyScenarioResult {
  /** How many rules each engine holds */
  rules: number;
  /** One decision, RBAC rules: ours, casbin `enforceSync`, CASL `can()` */
  decision: {ours: number; casbin: number; casl: number};
  /** One decision on an instance, every rule with an owner condition */
  conditional: {ours: number; casl: number};
  /** Building the list filter: ours `filter()`, CASL `rulesToCondition` */
  filter: {ours: number; casl: number};
}

/**
 * How to time
 */
export interface PolicyTimingOptions {
  /** Rounds per figure */
  rounds: number;
  /** Milliseconds a batch of the slowest contender should last */
  batchMs: number;
}

/**
 * Time sync contenders in alternating rounds over the same questions. Each
 * contender's batch lasts about `batchMs`, so that a slow contender (casbin
 * at 100,000 rules) does not stretch the run.
 * @returns The median nanoseconds per call of each
 */
export function timeSync<N extends string, Q = Question>(
  contenders: Record<N, (q: Q) => unknown>,
  questions: readonly Q[],
  options: PolicyTimingOptions,
): Record<N, number> {
  const rounds = timeSyncRounds(contenders, questions, options);
  return Object.fromEntries(
    Object.entries<number[]>(rounds).map(([n, times]) => [n, median(times)]),
  ) as Record<N, number>;
}

/**
 * Time sync contenders as {@link timeSync} does
 * @returns The nanoseconds per call of each, one figure a round
 */
export function timeSyncRounds<N extends string, Q>(
  contenders: Record<N, (q: Q) => unknown>,
  questions: readonly Q[],
  options: PolicyTimingOptions,
): Record<N, number[]> {
  const names = Object.keys(contenders) as N[];
  let sink = 0;
  const batch = (call: (q: Q) => unknown, size: number) => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < size; i++) {
      if (call(questions[i % questions.length])) sink++;
    }
    return Number(process.hrtime.bigint() - start) / size;
  };
  const sizes = {} as Record<N, number>;
  for (const name of names) {
    // Warm up for about 100 ms, then size the batch from the last calls
    let size = 8;
    let perCall = batch(contenders[name], size);
    for (let spent = 0; spent < 100e6; spent += perCall * size) {
      size = Math.min(size * 2, 100_000);
      perCall = batch(contenders[name], size);
    }
    sizes[name] = Math.max(4, Math.round((options.batchMs * 1e6) / perCall));
  }
  const times = Object.fromEntries(
    names.map(n => [n, [] as number[]]),
  ) as Record<N, number[]>;
  for (let round = 0; round < options.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) {
      times[name].push(batch(contenders[name], sizes[name]));
    }
  }
  if (sink < 0) console.log(sink);
  return times;
}

/**
 * Check that the engines answer every question alike; returns the problems
 * @param count - How many rules
 */
export async function checkPolicyEngines(count: number): Promise<string[]> {
  const e = await givenEngines(count);
  const problems: string[] = [];
  for (const q of givenQuestions(givenGrants(count))) {
    const ours = e.ours.decide(
      e.caller,
      q.resource,
      q.action,
      q.instance,
    ).allowed;
    const casbin = e.casbin.enforceSync('u1', q.resource, q.action);
    const casl = e.casl.can(q.action, q.resource);
    const oursIf = e.oursConditional.decide(
      e.caller,
      q.resource,
      q.action,
      q.instance,
    ).allowed;
    const caslIf = e.caslConditional.can(
      q.action,
      subject(q.resource, {...q.instance}),
    );
    if (ours !== casbin || ours !== casl || oursIf !== caslIf) {
      problems.push(
        `policy, ${count} rules: ${q.action} on ${q.resource}: ours ${ours}, ` +
          `casbin ${casbin}, CASL ${casl}; with a condition ours ${oursIf}, CASL ${caslIf}`,
      );
    }
  }
  return problems;
}

/**
 * Time the three engines on `count` rules
 * @param count - How many rules
 * @param options - How to time
 */
export async function runPolicyScenario(
  count: number,
  options: PolicyTimingOptions,
): Promise<PolicyScenarioResult> {
  const e = await givenEngines(count);
  const questions = givenQuestions(givenGrants(count));
  // CASL checks an instance through a subject-typed object, made once
  const instances = new Map(
    questions.map(q => [q, subject(q.resource, {...q.instance})]),
  );
  const decision = timeSync(
    {
      ours: q =>
        e.ours.decide(e.caller, q.resource, q.action, q.instance).allowed,
      casbin: q => e.casbin.enforceSync('u1', q.resource, q.action),
      casl: q => e.casl.can(q.action, q.resource),
    },
    questions,
    options,
  );
  const conditional = timeSync(
    {
      ours: q =>
        e.oursConditional.decide(e.caller, q.resource, q.action, q.instance)
          .allowed,
      casl: q => e.caslConditional.can(q.action, instances.get(q)!),
    },
    questions,
    options,
  );
  const filter = timeSync(
    {
      ours: q => e.oursConditional.filter(e.caller, q.resource, q.action),
      casl: q =>
        rulesToCondition(
          e.caslConditional.rulesFor(q.action, q.resource),
          rule => (rule.conditions ?? {}) as object,
          MONGO_HOOKS,
        ),
    },
    questions,
    options,
  );
  return {rules: count, decision, conditional, filter};
}
