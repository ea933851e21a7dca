// Copyright The loopback-security-monorepo authors. License: MIT.

import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {formatMachine, MachineInfo} from './machine';
import {BenchmarkOptions} from './options';
import {QUESTION_COUNT, USER_ROLES} from './policy/policy-fixtures';
import {formatPolicyTable} from './policy/policy-report';
import {PolicyScenarioResult} from './policy/policy.scenario';
import {CrowdedScenarioResult} from './policy/crowded-bucket.scenario';
import {formatCrowdedTable} from './policy/crowded-report';
import {HttpScenarioResult} from './scenarios/http.scenario';
import {InvocationScenarioResult} from './scenarios/invoke-method.scenario';
import {PropagationScenarioResult} from './scenarios/propagation.scenario';
import {formatList} from './list/list-report';
import {formatDecisionLog} from './log/decision-log-report';
import type {DecisionLogResult} from './log/decision-log.scenario';
import type {ListScenarioResult} from './list/list-pushdown.scenario';
import {
  microseconds,
  percent,
  perSecond,
  ratioWithSpread,
  signedMicroseconds,
  table,
} from './format';
import {formatFloor, formatInvocationTable} from './invocation-report';
import {QUIET_QUANTILE} from './statistics';
import {formatTargets, Target} from './targets';

/**
 * Everything a run measured, as written to `results/latest.json`
 */
export interface BenchmarkResults {
  /**
   * When the run started, ISO 8601
   */
  date: string;
  /**
   * The command that produced the results
   */
  command: string;
  /**
   * Where it ran
   */
  machine: MachineInfo;
  /**
   * With which options
   */
  options: BenchmarkOptions;
  /**
   * The invocation scenarios, in the order they ran
   */
  invocation: InvocationScenarioResult[];
  /**
   * The HTTP scenario, if it ran
   */
  http?: HttpScenarioResult;
  /**
   * The propagation scenario, if it ran
   */
  propagation?: PropagationScenarioResult;
  /**
   * The list scenario, if it ran
   */
  list?: ListScenarioResult;
  /**
   * The cost of the console's decision log, if it ran
   */
  decisionLog?: DecisionLogResult;
  /**
   * The policy engine against casbin and CASL, one result a rule count, if
   * it ran
   */
  policy?: PolicyScenarioResult[];
  /**
   * Crowded buckets of the policy engine, one result a shape and rule
   * count, if they ran
   */
  crowded?: CrowdedScenarioResult[];
  /**
   * The targets, for the scenarios that ran
   */
  targets: Target[];
  /**
   * What went wrong in the checks; when not empty, the figures compare
   * different work
   */
  problems: string[];
}

/**
 * The HTTP results as a Markdown table: requests per second, their share of
 * the unprotected route's, and server CPU time per request
 *
 * @param http - The HTTP results
 */
export function formatHttpTable(http: HttpScenarioResult): string {
  const {none, published, ours} = http.servers;
  const row = (
    name: string,
    figures: typeof none,
    share: string,
    cpuOverhead: string,
  ) => [
    name,
    perSecond(figures.requestsPerSecond),
    `±${percent(figures.spread.requestsPerSecond)}`,
    share,
    microseconds(figures.cpuMicrosecondsPerRequest),
    `±${percent(figures.spread.cpuMicrosecondsPerRequest)}`,
    cpuOverhead,
  ];
  return table(
    [
      `GET ${http.path}, ${http.voters} voters`,
      'req/s',
      'noise',
      'req/s vs none',
      'server CPU µs/req',
      'noise',
      'CPU overhead µs/req',
    ],
    [
      row('no authorization', none, '100%', '–'),
      row(
        'published',
        published,
        percent(http.throughput.published),
        signedMicroseconds(http.cpuOverhead.published),
      ),
      row(
        'ours',
        ours,
        percent(http.throughput.ours),
        `${signedMicroseconds(http.cpuOverhead.ours)} (${ratioWithSpread(
          http.cpuRatioSpread,
        )} published)`,
      ),
    ],
  );
}

/**
 * The propagation results: a table of the delays, or why it was skipped
 * @param propagation - The propagation results
 */
export function formatPropagation(
  propagation: PropagationScenarioResult,
): string {
  if ('skipped' in propagation) {
    return `Propagation between instances: SKIPPED, ${propagation.skipped}`;
  }
  const {delays} = propagation;
  const ms = (value: number) => value.toFixed(1);
  return [
    table(
      ['propagation', 'samples', 'median ms', 'p99 ms', 'max ms'],
      [
        [
          `role change, 1 writer → ${propagation.instances - 1} instances`,
          String(delays.count),
          ms(delays.median),
          ms(delays.p99),
          ms(delays.max),
        ],
      ],
    ),
    `${propagation.changes} role changes (revoke, grant, ...) written over ` +
      `HTTP through the first of ${propagation.instances} instances in ` +
      `separate processes sharing PostgreSQL (${propagation.server}); a ` +
      'delay runs from the start of the write to the first answer of ' +
      'another instance that enforces it (403 or 200).',
  ].join('\n\n');
}

/**
 * The whole report, in Markdown
 * @param results - The results of a run
 */
export function formatReport(results: BenchmarkResults): string {
  const parts = [
    `Run of ${results.date} with \`${results.command}\``,
    `Machine: ${formatMachine(results.machine)}`,
  ];
  if (results.invocation.length > 0) {
    const first = results.invocation[0];
    parts.push(
      formatInvocationTable(results.invocation),
      `µs/call: median of ${results.options.rounds} alternating rounds ` +
        `of ${first.callsPerBatch}+ sequential awaited calls a variant ` +
        '(batch size set per scenario). Overhead: median over the rounds ' +
        'of the difference with the baseline in the same round. ' +
        'ours/published: ratio of the overheads within each round, by the ' +
        'wall clock and by the CPU time of the process: its median over the ' +
        'rounds, and in parentheses the range of the middle half of the ' +
        'rounds (first to third quartile), the noise to compare a change ' +
        'with. Quiet rounds: each variant at the ' +
        `${Math.round(QUIET_QUANTILE * 100)}th percentile of its rounds' µs/call ` +
        '(its least disturbed rounds, as noise only adds time), the ' +
        'overheads as differences of those and ours/published as their ' +
        'ratio: what the code costs at best, where the medians say what it ' +
        'costs typically.',
    );
  }
  parts.push(...formatFloor(results.invocation));
  if (results.http != null) {
    const http = results.http;
    const where =
      http.cores.serverCore != null
        ? `servers pinned to core ${http.cores.serverCore}, autocannon to ` +
          `core ${http.cores.clientCore}`
        : `not pinned: ${http.cores.reason}`;
    parts.push(
      formatHttpTable(http),
      `Median of ${http.rounds} alternating rounds of ${http.duration} s ` +
        `per server, ${http.connections} connections, a user bound by a ` +
        `middleware; ${where}. req/s and CPU: medians; vs none and ` +
        'overhead: medians of the ratios and differences within each ' +
        'round; the CPU overhead ratio is the median of the ratios within ' +
        'each round, with the range of the middle half of the rounds in ' +
        'parentheses. Noise: half the interquartile range over the median. ' +
        'Throughput implied by the CPU time per request: published ' +
        `${percent(http.throughputFromCpu.published)}, ours ` +
        `${percent(http.throughputFromCpu.ours)} of no authorization.`,
    );
  }
  if (results.policy?.length) {
    parts.push(
      formatPolicyTable(results.policy),
      `Policy engines, one process, the same rules and ${QUESTION_COUNT} ` +
        `questions (about half allowed) of a user with ${USER_ROLES.length} ` +
        'roles: time per call, median of ' +
        `${results.options.policyRounds} alternating rounds. RBAC rules: ours ` +
        '`decide()`, casbin `enforceSync` (RBAC model), CASL `can()` on the ' +
        "ability of the user's roles. Owner condition: every rule only for " +
        "the user's own instances. Filter: ours `filter()`, CASL " +
        '`rulesToCondition` (MongoDB query).',
    );
  }
  if (results.crowded?.length) {
    parts.push(
      formatCrowdedTable(results.crowded),
      'Crowded buckets: every rule grants `read` on `Order` to the role ' +
        '`support` under its own condition. apply(): one call with every ' +
        `rule, into an empty engine, ${results.options.crowdedRounds} ` +
        'times; upsert(): one rule of the bucket rewritten (it leaves and ' +
        'comes back); decide(): an order, half of them allowed by one rule, ' +
        'half by none, by a frozen caller. Medians, with the first to third ' +
        `quartile in parentheses; upsert() and decide() over ` +
        `${results.options.policyRounds} rounds.`,
    );
  }
  if (results.propagation != null) {
    parts.push(formatPropagation(results.propagation));
  }
  if (results.decisionLog != null) {
    parts.push(formatDecisionLog(results.decisionLog));
  }
  if (results.list != null) {
    parts.push(formatList(results.list));
  }
  if (results.targets.length > 0) {
    parts.push('Targets:\n\n' + formatTargets(results.targets));
  }
  if (results.problems.length > 0) {
    parts.push(
      'PROBLEMS (the variants do not do the same work; the figures are ' +
        'not comparable):\n\n' +
        results.problems.map(p => `- ${p}`).join('\n'),
    );
  }
  return parts.join('\n\n') + '\n';
}

/**
 * Write the results as JSON, creating the folder if needed
 *
 * @param file - The file, relative to the benchmark package
 * @param results - The results
 * @returns The absolute path of the file
 */
export function writeResults(file: string, results: BenchmarkResults): string {
  const absolute = path.resolve(__dirname, '..', file);
  mkdirSync(path.dirname(absolute), {recursive: true});
  writeFileSync(absolute, JSON.stringify(results, null, 2) + '\n');
  return absolute;
}
